# Prints praat's utterance-level voice quality: local jitter, DDP jitter and local shimmer over the periods
# of a cross-correlation point process (pitch 75-600 Hz, standard voice-report settings), and the mean
# harmonicity (cc method, 10 ms, 75 Hz, 0.1 silence threshold, 1 period per window) in dB.
form Voice quality
  sentence file
endform
sound = Read from file: file$
pp = To PointProcess (periodic, cc): 75, 600
selectObject: pp
jitter = Get jitter (local): 0, 0, 0.0001, 0.02, 1.3
ddp = Get jitter (ddp): 0, 0, 0.0001, 0.02, 1.3
selectObject: sound, pp
shimmer = Get shimmer (local): 0, 0, 0.0001, 0.02, 1.3, 1.6
selectObject: sound
harmonicity = To Harmonicity (cc): 0.01, 75, 0.1, 1.0
hnr = Get mean: 0, 0
appendInfoLine: jitter, " ", ddp, " ", shimmer, " ", hnr
