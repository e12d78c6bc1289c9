'use strict';
// Sends the chosen picture to POST /api/colorize as the raw body and shows the answer beside the input.
const $ = (id) => document.getElementById(id);
let objectUrls = []; // blob: URLs of the pictures shown, freed when the next one comes
let current = null; // the picture shown, re-sent when the saturation changes
let saturationTimer = null;

$('file').addEventListener('change', () => {
  if ($('file').files.length) colorize($('file').files[0]);
});
$('drop').addEventListener('dragover', (event) => {
  event.preventDefault();
  $('drop').classList.add('over');
});
$('drop').addEventListener('dragleave', () => $('drop').classList.remove('over'));
$('drop').addEventListener('drop', (event) => {
  event.preventDefault();
  $('drop').classList.remove('over');
  if (event.dataTransfer.files.length) colorize(event.dataTransfer.files[0]);
});
$('slider').addEventListener('input', () => $('compare').style.setProperty('--split', $('slider').value + '%'));
$('saturation').addEventListener('input', () => {
  $('saturation-value').textContent = Number($('saturation').value).toFixed(1);
  clearTimeout(saturationTimer); // one request once the slider rests, not one per step
  if (current) saturationTimer = setTimeout(() => colorize(current), 250);
});

async function colorize(file) {
  const again = file === current; // only the saturation changed: keep the result shown meanwhile
  current = file;
  $('error').hidden = true;
  if (!again) $('result').hidden = true;
  $('status').textContent = 'Colorizing ' + file.name + '…';
  objectUrls.forEach((url) => URL.revokeObjectURL(url));
  objectUrls = [];
  try {
    const response = await fetch('api/colorize?saturation=' + encodeURIComponent($('saturation').value), {
      method: 'POST',
      body: file,
      headers: { 'Content-Type': file.type || 'application/octet-stream' },
    });
    if (!response.ok) throw new Error(await problem(response));
    const input = URL.createObjectURL(file);
    const output = URL.createObjectURL(await response.blob());
    objectUrls.push(input, output);
    $('gray').src = $('before').src = input;
    $('colorized').src = $('after').src = output;
    $('download').href = output;
    $('download').download = file.name.replace(/\.[^.]*$/, '') + '-colorized.png';
    $('result').hidden = false;
    $('status').textContent = 'Done: ' + file.name + '. Drag the slider to compare.';
  } catch (error) {
    $('status').textContent = '';
    // fetch rejects with a TypeError when there is no answer at all
    const reason = error instanceof TypeError ? 'the server cannot be reached' : error.message;
    $('error').textContent = 'This picture could not be colorized: ' + reason;
    $('error').hidden = false;
  }
}

// The API answers errors as {"error": "...", "detail": "..."}; detail is written for people.
async function problem(response) {
  try {
    const body = await response.json();
    if (body.detail) return body.detail;
  } catch (ignored) {
    // not JSON: e.g. a proxy's error page
  }
  return 'the server answered ' + response.status + ' ' + response.statusText;
}

async function showModel() {
  try {
    const response = await fetch('api/model');
    if (response.status === 503) {
      setTimeout(showModel, 1000); // still loading
      return;
    }
    const model = await response.json();
    $('model').textContent = 'Model: ' + model.name + ' (' + model.architecture + ', trained at '
      + model.size + '×' + model.size + ' pixels).';
  } catch (error) {
    $('model').textContent = 'The server cannot be reached.';
  }
}
showModel();
