# Prints, for frame times offset + i * step (i = 0 .. frames-1), Praat's pitch (Hz, or --undefined--
# when unvoiced; autocorrelation method, floor 75 Hz, ceiling 600 Hz) and intensity (dB, minimum pitch 100 Hz).
form Pitch and intensity at frame times
  sentence file
  real step
  integer frames
  real offset
endform
sound = Read from file: file$
pitch = To Pitch: step, 75, 600
selectObject: sound
intensity = To Intensity: 100, step, "no"
for i from 0 to frames - 1
  t = offset + i * step
  selectObject: pitch
  f = Get value at time: t, "Hertz", "linear"
  selectObject: intensity
  db = Get value at time: t, "cubic"
  appendInfoLine: fixed$(t, 4), " ", f, " ", db
endfor
