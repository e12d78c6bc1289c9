/** Color science: sRGB <-> CIE Lab (D65) conversion and the Lab normalisation constants the models use. */
package dev.colorizer.color;
