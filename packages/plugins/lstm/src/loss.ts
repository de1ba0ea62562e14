import type { Scalar, Tensor3D } from '@tensorflow/tfjs';
import type { TfModule } from '@emotrans/core';
import type { LossName } from './options';

/**
 * Loss over the real steps of a padded batch (padded steps have mask 0 and contribute nothing).
 * `mse`: mean squared error over real steps and both outputs. `ccc`: 1 - the mean over arousal and valence
 * of the concordance correlation coefficient of all real steps of the batch taken together,
 * CCC = 2 cov(y, p) / (var y + var p + (mean y - mean p)^2) with population moments.
 * All tensors are time-major: predicted and targets steps x batch x 2, mask steps x batch x 1.
 */
export function maskedLoss(tf: TfModule, kind: LossName, predicted: Tensor3D, targets: Tensor3D, mask: Tensor3D): Scalar {
  return tf.tidy(() => {
    const n = tf.maximum(tf.sum(mask), 1);
    if (kind === 'mse') {
      return tf.div(tf.sum(tf.mul(mask, tf.square(tf.sub(targets, predicted)))), tf.mul(n, 2)) as Scalar;
    }
    const mean = (v: Tensor3D) => tf.div(tf.sum(tf.mul(mask, v), [0, 1]), n);
    const my = mean(targets);
    const mp = mean(predicted);
    const dy = tf.sub(targets, my) as Tensor3D;
    const dp = tf.sub(predicted, mp) as Tensor3D;
    const vy = mean(tf.square(dy) as Tensor3D);
    const vp = mean(tf.square(dp) as Tensor3D);
    const cov = mean(tf.mul(dy, dp) as Tensor3D);
    const ccc = tf.div(tf.mul(cov, 2), tf.add(tf.add(tf.add(vy, vp), tf.square(tf.sub(my, mp))), 1e-8));
    return tf.sub(1, tf.mean(ccc)) as Scalar;
  });
}
