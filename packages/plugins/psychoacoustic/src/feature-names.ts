/** Frame-level descriptors summarised by mean and standard deviation per window. */
export const FRAME_DESCRIPTORS = ['loudness', 'sharpness', 'spectral_centroid', 'spectral_flux', 'roughness'] as const;

/** Window-level descriptors (one value per window). */
export const WINDOW_DESCRIPTORS = ['event_density', 'tempo_bpm', 'speech_rate', 'pitch_level', 'pitch_slope', 'voiced_fraction'] as const;

/**
 * Column names of the `psychoacoustic` set, in order:
 *   loudness_{mean,std}            Zwicker-style loudness, sone
 *   sharpness_{mean,std}           DIN 45692 sharpness, acum
 *   spectral_centroid_{mean,std}   Hz
 *   spectral_flux_{mean,std}       distance between successive unit-sum magnitude spectra
 *   roughness_{mean,std}           Plomp-Levelt / Sethares sensory dissonance
 *   event_density                  onsets per second
 *   tempo_bpm                      periodicity of the onset strength in a >= 4 s context (0: none)
 *   speech_rate                    syllable nuclei per second
 *   pitch_level                    mean F0 of voiced frames, semitones above 27.5 Hz (0: no voiced frame)
 *   pitch_slope                    F0 contour slope, semitones per second
 *   voiced_fraction                share of voiced 10 ms frames
 */
export const PSYCHOACOUSTIC_NAMES: readonly string[] = [
  ...FRAME_DESCRIPTORS.flatMap((name) => [`${name}_mean`, `${name}_std`]),
  ...WINDOW_DESCRIPTORS,
];
