using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Augmentation;

/// <summary>One batch's random draws, one entry per image: what <see cref="BatchAugmenter"/> applies.</summary>
/// <param name="Angle">Rotation in radians, clockwise as seen on screen (image y pointing down).</param>
/// <param name="Scale">Size factor; above 1 enlarges the content.</param>
/// <param name="ShiftX">Shift to the right, in pixels.</param>
/// <param name="ShiftY">Shift downwards, in pixels.</param>
/// <param name="Flip">-1 where the image is mirrored left to right before the rest, 1 elsewhere; null without flips.</param>
/// <param name="Displacement">Elastic displacement of each output pixel's sampling point in pixels,
/// [batch, height, width, 2] holding (x, y); null without elastic distortion.</param>
internal sealed record AffineDraw(Tensor Angle, Tensor Scale, Tensor ShiftX, Tensor ShiftY, Tensor? Flip, Tensor? Displacement);
