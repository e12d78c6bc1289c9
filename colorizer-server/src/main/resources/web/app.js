'use strict';
// Sends the chosen picture to POST /api/colorize and shows the answer beside the input. After the first answer,
// color hints placed on the colorized picture go with the id the server gave the picture (X-Image-Id) instead of the
// picture itself; when the server no longer keeps it (410), the picture is sent again. A reference photograph, once
// chosen, goes with every request (field 'reference') until removed; "Suggest points" asks POST /api/suggest where a
// hint would help most and marks those points, each turned into a hint by a click.
const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 250; // one request once a drag, the color picker or the slider rests, not one per step
const DEFAULT_RADIUS_FRACTION = 0.01; // the server's default hint radius: 1% of the picture's longer side
const HEX = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i;

const picture = {
  file: null, // the File chosen
  id: null, // the server's id for it (X-Image-Id), sent instead of the file; null: send the file
  width: 0, // of the input picture in pixels (the answer has the same size), known from the first answer
  height: 0,
  inputUrl: null, // blob: URLs shown, freed when replaced
  outputUrl: null,
  generation: 0, // counts the pictures chosen: an answer for an earlier one is dropped
};
// {x, y, color, radius?}: x, y in input pixels (origin top-left, fractional), color '#rrggbb', radius in input pixels
let hints = [];
let selected = -1; // index of the hint last touched, highlighted
let dragging = null; // {index, pointer} while a marker is dragged
let takesHints = false; // from GET /api/model
let resultPixels = null; // a canvas holding the answer shown, drawn the first time a color is taken from it
let timer = null; // the pending debounced request
let inFlight = null; // the AbortController of the request on its way
let again = false; // something changed while a request was on its way: send the newest state when it is answered
let hintsUrl = null; // blob: URL of the hints' JSON behind the download link
let reference = null; // the reference photograph chosen (a File), sent with each request; null: none
let referenceUrl = null; // its blob: URL, shown as a thumbnail
// {x, y, color} from POST /api/suggest, in input pixels: where a hint would help most, not yet taken as hints
let suggestions = [];

// a drop zone (a label) and its file input: a file dropped on it or chosen goes to take(file)
function dropZone(zone, input, take) {
  input.addEventListener('change', () => {
    if (input.files.length) take(input.files[0]);
    input.value = ''; // choosing the same file again takes it again
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    if (event.dataTransfer.files.length) take(event.dataTransfer.files[0]);
  });
}
dropZone($('drop'), $('file'), choose);
dropZone($('reference-drop'), $('reference-file'), (file) => setReference(file));
$('reference-clear').addEventListener('click', () => setReference(null));
$('suggest').addEventListener('click', suggest);
$('slider').addEventListener('input', () => $('compare').style.setProperty('--split', $('slider').value + '%'));
$('saturation').addEventListener('input', () => {
  $('saturation-value').textContent = Number($('saturation').value).toFixed(1);
  if (picture.file) schedule();
});
$('size').addEventListener('change', () => {
  if (picture.file) schedule();
});
$('compare-sizes').addEventListener('click', compareSizes);

// a new picture: what was shown, on its way or placed for the previous one is dropped
function choose(file) {
  picture.generation++;
  if (inFlight) inFlight.abort();
  inFlight = null;
  again = false;
  clearTimeout(timer);
  timer = null;
  [picture.inputUrl, picture.outputUrl].forEach((url) => url && URL.revokeObjectURL(url));
  Object.assign(picture, { file, id: null, width: 0, height: 0, outputUrl: null });
  picture.inputUrl = URL.createObjectURL(file);
  $('gray').src = $('before').src = picture.inputUrl;
  hints = [];
  selected = -1;
  suggestions = [];
  renderSuggestions();
  clearSizes();
  $('result').hidden = true;
  $('error').hidden = true;
  renderHints();
  send();
}

// sends the current state once nothing has changed for DEBOUNCE_MS
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    send();
  }, DEBOUNCE_MS);
  busy();
}

// one request at a time: a change made meanwhile is sent when the answer has come, so that a long drag still shows
// intermediate results and the server never works on answers nobody will see
async function send() {
  if (inFlight) {
    again = true;
    return;
  }
  const controller = new AbortController();
  const generation = picture.generation;
  const started = performance.now();
  inFlight = controller;
  busy();
  $('status').textContent = 'Colorizing ' + picture.file.name + '…';
  try {
    const response = await withPicture(() => post(controller.signal));
    if (!response.ok) throw new Error(await problem(response));
    const blob = await response.blob();
    if (generation !== picture.generation) return;
    showWarnings(response.headers.get('Colorizer-Warnings'));
    picture.id = response.headers.get('X-Image-Id'); // absent when the server keeps no copy: the file goes again
    if (!(await show(blob, generation))) return;
    $('error').hidden = true;
    $('status').textContent = 'Done: ' + picture.file.name + ' in '
      + ((performance.now() - started) / 1000).toFixed(1) + ' s. '
      + (takesHints ? 'Click the colorized picture to add a color hint.' : 'Drag the slider to compare.');
  } catch (error) {
    if (error.name === 'AbortError' || generation !== picture.generation) return;
    $('status').textContent = '';
    // fetch rejects with a TypeError when there is no answer at all
    const reason = error instanceof TypeError ? 'the server cannot be reached' : error.message;
    $('error').textContent = 'This picture could not be colorized: ' + reason;
    $('error').hidden = false;
  } finally {
    if (inFlight === controller) {
      inFlight = null;
      if (again) {
        again = false;
        send();
      }
    }
    busy();
  }
}

// request() answered, sent again with the picture itself when the server no longer keeps the id sent (410)
async function withPicture(request) {
  const response = await request();
  if (response.status !== 410 || !picture.id) return response;
  picture.id = null;
  return request();
}

// a form carrying the picture: its id when the server keeps it, else the file
function pictureForm() {
  const form = new FormData();
  if (picture.id) form.append('image_id', picture.id);
  else form.append('image', picture.file);
  return form;
}

// size: the working size to ask for ('' the model's own), by default the one chosen
function post(signal, size = $('size').value) {
  const form = pictureForm();
  if (reference) form.append('reference', reference);
  if (hints.length) form.append('hints', new Blob([hintsJson()], { type: 'application/json' }));
  return fetch('api/colorize?saturation=' + encodeURIComponent($('saturation').value)
    + (size ? '&size=' + encodeURIComponent(size) : ''), {
    method: 'POST',
    body: form,
    signal,
  });
}

// the side-by-side sizes taken away, their blob: URLs freed
function clearSizes() {
  $('sizes').querySelectorAll('img').forEach((image) => URL.revokeObjectURL(image.src));
  $('sizes').replaceChildren();
  $('sizes').hidden = true;
}

// what the decoder reported on the picture (header Colorizer-Warnings), shown above it; none: hidden
function showWarnings(text) {
  $('warnings').textContent = text ? 'Note: ' + text.split(' | ').join('; ') : '';
  $('warnings').hidden = !text;
}

// the picture at the smallest, the model's own and the largest working size, side by side; a click on one takes
// its size. One request at a time, after the one on its way, with the saturation and hints chosen.
async function compareSizes() {
  if (!picture.file || !picture.width) return;
  const generation = picture.generation;
  const sizes = ['', ...[...$('size').options].map((o) => o.value).filter((v) => v)];
  const shown = [sizes[1], '', sizes[sizes.length - 1]].filter((v, i, all) => v !== undefined
    && all.indexOf(v) === i);
  clearSizes();
  $('sizes').hidden = false;
  for (const size of shown) {
    const response = await post(undefined, size);
    if (generation !== picture.generation) return;
    if (!response.ok) {
      $('error').textContent = 'Size ' + (size || "the model's own") + ': ' + (await problem(response));
      $('error').hidden = false;
      continue;
    }
    const figure = document.createElement('figure');
    const image = document.createElement('img');
    image.src = URL.createObjectURL(await response.blob());
    image.alt = 'colorized at working size ' + (size || "the model's own");
    const caption = document.createElement('figcaption');
    caption.textContent = size ? 'size ' + size : "the model's own size";
    const use = document.createElement('button');
    use.type = 'button';
    use.textContent = 'Use this size';
    use.addEventListener('click', () => {
      $('size').value = size;
      schedule();
    });
    caption.append(' ', use);
    figure.append(image, caption);
    $('sizes').append(figure);
  }
}

// shows an answer once decoded; false when another picture was chosen meanwhile
async function show(blob, generation) {
  const url = URL.createObjectURL(blob);
  const image = $('colorized');
  image.src = url;
  await image.decode();
  if (generation !== picture.generation) {
    URL.revokeObjectURL(url);
    return false;
  }
  $('after').src = $('download').href = url;
  if (picture.outputUrl) URL.revokeObjectURL(picture.outputUrl);
  picture.outputUrl = url;
  picture.width = image.naturalWidth;
  picture.height = image.naturalHeight;
  resultPixels = null;
  $('download').download = baseName() + '-colorized.png';
  $('result').hidden = false;
  return true;
}

// aria-busy on the result while a change is waiting or on its way: assistive technology (and tests) wait for it
function busy() {
  $('result').setAttribute('aria-busy', String(timer !== null || inFlight !== null));
}

function baseName() {
  return picture.file.name.replace(/\.[^.]*$/, '');
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

// ---- color hints ----

// a pointer position as input-picture pixels (whatever size the picture is shown at), inside it, to 0.1 pixel
function pictureXY(event) {
  const box = $('colorized').getBoundingClientRect();
  const at = (offset, length, pixels) => Math.round(clamp(offset / length, 0, 1) * pixels * 10) / 10;
  return [at(event.clientX - box.left, box.width, picture.width), at(event.clientY - box.top, box.height,
    picture.height)];
}

function clamp(value, low, high) {
  return Math.min(high, Math.max(low, value));
}

$('canvas').addEventListener('pointerdown', (event) => {
  if (!takesHints || !picture.width || event.button !== 0) return;
  if (event.target.classList.contains('suggestion')) return; // its click takes it (below), keyboard too
  event.preventDefault(); // no text selection, no dragging of the image itself
  let index = event.target.classList.contains('hint') ? Number(event.target.dataset.index) : -1;
  if (index < 0) { // a new hint, in the color shown there: the picture keeps its look until the user picks another
    const [x, y] = pictureXY(event);
    const hint = { x, y };
    hint.color = resultColor(hint);
    index = hints.push(hint) - 1;
    renderHints();
    changed();
  }
  select(index);
  $('markers').children[index].focus({ preventScroll: true }); // for Delete and the arrow keys
  dragging = { index, pointer: event.pointerId };
  $('canvas').setPointerCapture(event.pointerId);
});
$('canvas').addEventListener('pointermove', (event) => {
  if (!dragging || event.pointerId !== dragging.pointer) return;
  const hint = hints[dragging.index];
  [hint.x, hint.y] = pictureXY(event);
  updateHint(dragging.index);
  changed();
});
['pointerup', 'pointercancel'].forEach((type) => $('canvas').addEventListener(type, () => {
  dragging = null;
}));
$('markers').addEventListener('keydown', (event) => {
  if (!event.target.classList.contains('hint')) return;
  const index = Number(event.target.dataset.index);
  const step = event.shiftKey ? 10 : 1;
  const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
  if (event.key === 'Delete' || event.key === 'Backspace') {
    remove(index);
  } else if (moves[event.key]) {
    const hint = hints[index];
    hint.x = clamp(hint.x + moves[event.key][0], 0, picture.width);
    hint.y = clamp(hint.y + moves[event.key][1], 0, picture.height);
    updateHint(index);
    changed();
  } else {
    return;
  }
  event.preventDefault();
});
// 'input' while the color picker is open, 'change' when it closes (some browsers send only that)
['input', 'change'].forEach((type) => $('hint-list').addEventListener(type, (event) => {
  if (event.target.type !== 'color') return;
  const index = Number(event.target.closest('li').dataset.index);
  if (hints[index].color === event.target.value) return;
  hints[index].color = event.target.value;
  select(index);
  changed();
}));
$('hint-list').addEventListener('click', (event) => {
  const action = event.target.dataset.action;
  if (!action) return;
  const index = Number(event.target.closest('li').dataset.index);
  if (action === 'delete') {
    remove(index);
  } else { // pick: keep the color the result shows under the hint now
    hints[index].color = resultColor(hints[index]);
    select(index);
    changed();
  }
});
$('hints-clear').addEventListener('click', () => {
  hints = [];
  selected = -1;
  renderHints();
  changed();
});
$('hints-file').addEventListener('change', async () => {
  const file = $('hints-file').files[0];
  if (!file) return;
  try {
    hints = parseHints(await file.text(), file.name);
    selected = -1;
    renderHints();
    changed();
    $('error').hidden = true;
  } catch (error) {
    $('error').textContent = 'These hints could not be loaded: ' + error.message;
    $('error').hidden = false;
  }
  $('hints-file').value = ''; // choosing the same file again loads it again
});

function changed() {
  updateDownload();
  schedule();
}

function remove(index) {
  hints.splice(index, 1);
  selected = -1;
  renderHints();
  changed();
}

// ---- the reference photograph ----

// file: the new reference (null: none); the picture shown is colorized again with it
function setReference(file) {
  if (referenceUrl) URL.revokeObjectURL(referenceUrl);
  reference = file;
  referenceUrl = file ? URL.createObjectURL(file) : null;
  $('reference-shown').hidden = !file;
  $('reference-image').src = referenceUrl || '';
  $('reference-name').textContent = file ? file.name : '';
  if (picture.file) schedule();
}

// ---- suggested points ----

// asks the server where hints would help most for the picture shown, and marks those points
async function suggest() {
  if (!picture.file || !picture.width) return;
  const generation = picture.generation;
  $('suggest').disabled = true;
  $('status').textContent = 'Looking for where a hint would help most…';
  try {
    const response = await withPicture(() => fetch('api/suggest', { method: 'POST', body: pictureForm() }));
    if (!response.ok) throw new Error(await problem(response));
    const answer = await response.json();
    if (generation !== picture.generation) return;
    picture.id = response.headers.get('X-Image-Id');
    suggestions = answer.points.map((p) => ({ x: p.x, y: p.y, color: p.color }));
    renderSuggestions();
    $('error').hidden = true;
    $('status').textContent = suggestions.length + ' suggested points (dashed rings): click one to pin a color'
      + ' there.';
  } catch (error) {
    if (generation !== picture.generation) return;
    $('status').textContent = '';
    const reason = error instanceof TypeError ? 'the server cannot be reached' : error.message;
    $('error').textContent = 'No points could be suggested: ' + reason;
    $('error').hidden = false;
  } finally {
    $('suggest').disabled = false;
  }
}

// one dashed ring on the picture per suggested point
function renderSuggestions() {
  $('suggestions').replaceChildren(...suggestions.map((point, i) => {
    const ring = document.createElement('button');
    ring.type = 'button';
    ring.className = 'suggestion';
    ring.dataset.index = i;
    ring.style.left = (point.x / picture.width * 100) + '%';
    ring.style.top = (point.y / picture.height * 100) + '%';
    ring.setAttribute('aria-label', 'suggested point ' + (i + 1) + ' at (' + point.x.toFixed(1) + ', '
      + point.y.toFixed(1) + '): click to pin a color there');
    return ring;
  }));
}

// a suggested point clicked (or pressed with Enter) becomes a hint in the color shown there now, its color picker
// focused for the user to choose the right one
$('suggestions').addEventListener('click', (event) => {
  if (!event.target.classList.contains('suggestion')) return;
  const [point] = suggestions.splice(Number(event.target.dataset.index), 1);
  renderSuggestions();
  const index = hints.push({ x: point.x, y: point.y, color: point.color }) - 1;
  renderHints();
  select(index);
  $('hint-list').children[index].querySelector('input[type=color]').focus();
  changed();
});

// highlights hint i, the one last touched, on the picture and in the list
function select(index) {
  selected = index;
  hints.forEach((hint, i) => updateHint(i));
}

// one marker on the picture and one row in the list per hint
function renderHints() {
  $('markers').replaceChildren();
  $('hint-list').replaceChildren();
  hints.forEach((hint, i) => {
    const marker = document.createElement('button');
    marker.type = 'button';
    marker.className = 'hint';
    marker.dataset.index = i;
    $('markers').append(marker);

    const row = document.createElement('li');
    row.dataset.index = i;
    const where = document.createElement('span');
    where.className = 'where';
    const color = document.createElement('input');
    color.type = 'color';
    color.setAttribute('aria-label', 'color of hint ' + (i + 1));
    const pick = button('Pick from the result', 'pick',
      'hint ' + (i + 1) + ': take the color the colorized picture shows under it');
    const drop = button('Delete', 'delete', 'delete hint ' + (i + 1));
    row.append(where, color, pick, drop);
    $('hint-list').append(row);
    updateHint(i);
  });
  updateDownload();
}

function button(text, action, label) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.dataset.action = action;
  b.setAttribute('aria-label', label);
  return b;
}

// the marker's place and color, and the row's words, from hint i
function updateHint(i) {
  const hint = hints[i];
  const marker = $('markers').children[i];
  const row = $('hint-list').children[i];
  const where = '(' + hint.x.toFixed(1) + ', ' + hint.y.toFixed(1) + ')';
  marker.style.left = (hint.x / picture.width * 100) + '%';
  marker.style.top = (hint.y / picture.height * 100) + '%';
  marker.style.background = hint.color;
  marker.classList.toggle('selected', i === selected);
  marker.setAttribute('aria-label', 'hint ' + (i + 1) + ' at ' + where + ', ' + hint.color
    + ': drag or use the arrow keys to move it, Delete to remove it');
  row.classList.toggle('selected', i === selected);
  row.querySelector('.where').textContent = 'Hint ' + (i + 1) + ' at ' + where + ' px';
  row.querySelector('input').value = hint.color;
}

// the mean color of the answer shown over the square the hint covers, as '#rrggbb'
function resultColor(hint) {
  const image = $('colorized');
  if (!resultPixels) {
    resultPixels = document.createElement('canvas');
    resultPixels.width = image.naturalWidth;
    resultPixels.height = image.naturalHeight;
    resultPixels.getContext('2d', { willReadFrequently: true }).drawImage(image, 0, 0);
  }
  const radius = Math.max(1, Math.round(hint.radius !== undefined ? hint.radius
    : DEFAULT_RADIUS_FRACTION * Math.max(picture.width, picture.height)));
  const x0 = clamp(Math.floor(hint.x) - radius, 0, picture.width - 1);
  const y0 = clamp(Math.floor(hint.y) - radius, 0, picture.height - 1);
  const x1 = clamp(Math.floor(hint.x) + radius + 1, x0 + 1, picture.width);
  const y1 = clamp(Math.floor(hint.y) + radius + 1, y0 + 1, picture.height);
  const data = resultPixels.getContext('2d').getImageData(x0, y0, x1 - x0, y1 - y0).data; // RGBA, row-major
  const sum = [0, 0, 0];
  for (let k = 0; k < data.length; k += 4) {
    for (let c = 0; c < 3; c++) sum[c] += data[k + c];
  }
  const n = data.length / 4;
  return '#' + sum.map((s) => Math.round(s / n).toString(16).padStart(2, '0')).join('');
}

// the one hint format of the API and the command line
function hintsJson() {
  return JSON.stringify({
    points: hints.map((h) => (h.radius !== undefined ? { x: h.x, y: h.y, color: h.color, radius: h.radius }
      : { x: h.x, y: h.y, color: h.color })),
  }, null, 2);
}

function updateDownload() {
  if (hintsUrl) URL.revokeObjectURL(hintsUrl);
  hintsUrl = URL.createObjectURL(new Blob([hintsJson()], { type: 'application/json' }));
  $('hints-download').href = hintsUrl;
  if (picture.file) $('hints-download').download = baseName() + '-hints.json';
}

// hints read from a file, checked against the picture shown; errors name the file and the point
function parseHints(text, name) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(name + ' is not JSON (' + error.message + ')');
  }
  if (!json || !Array.isArray(json.points)) {
    throw new Error(name + ' needs a "points" list: {"points": [{"x": 10, "y": 20, "color": "#c83c28"}]}');
  }
  return json.points.map((point, i) => {
    const where = name + ', point ' + (i + 1);
    if (!point || !Number.isFinite(point.x) || !Number.isFinite(point.y)) {
      throw new Error(where + ' needs numbers "x" and "y" (pixels of the input picture)');
    }
    if (point.x < 0 || point.y < 0 || point.x > picture.width || point.y > picture.height) {
      throw new Error(where + ' at (' + point.x + ', ' + point.y + ') lies outside the ' + picture.width + '×'
        + picture.height + ' picture: were these hints made for another one?');
    }
    if (typeof point.color !== 'string' || !HEX.test(point.color)) {
      throw new Error(where + ' needs an sRGB hex color such as "#c83c28"');
    }
    const hex = point.color.replace('#', '').toLowerCase();
    const hint = { x: point.x, y: point.y, color: '#' + (hex.length === 3 ? hex.replace(/./g, '$&$&') : hex) };
    if (point.radius !== undefined && point.radius !== null) {
      if (!Number.isFinite(point.radius) || point.radius < 0) {
        throw new Error(where + ' has a radius that is not a number of pixels >= 0: leave it out or fix it');
      }
      hint.radius = point.radius;
    }
    return hint;
  });
}

let modelTries = 0;

async function showModel() {
  try {
    const response = await fetch('api/model');
    if (response.status === 503) {
      const problem = await response.json().catch(() => ({}));
      if (problem.error === 'loading' && modelTries < 120) { // still loading: ask again, less often over time
        modelTries++;
        setTimeout(showModel, Math.min(5000, 250 * 2 ** Math.min(modelTries, 5)));
        return;
      }
      $('model').textContent = (problem.detail || 'The model did not load.') + ' Reload the page when it is fixed.';
      return;
    }
    const model = await response.json();
    $('model').textContent = 'Model: ' + model.name + ' (' + model.architecture + ', trained at '
      + model.size + '×' + model.size + ' pixels).';
    for (let size = model.sizes.min; size <= model.sizes.max; size += model.sizes.multiple) {
      $('size').append(new Option(String(size), String(size)));
    }
    takesHints = model.takesHints === true;
    $('hint-panel').hidden = !takesHints;
    $('reference-panel').hidden = !takesHints; // a reference's colors reach the picture as hints
    $('suggest-knob').hidden = model.suggests !== true;
    $('no-hints').hidden = takesHints;
    $('canvas').classList.toggle('hintable', takesHints);
    $('colorized-caption').textContent = takesHints ? 'colorized: click to add a color hint' : 'colorized';
  } catch (error) {
    $('model').textContent = 'The server cannot be reached.';
  }
}
showModel();
