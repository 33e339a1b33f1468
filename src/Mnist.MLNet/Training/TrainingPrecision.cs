namespace Mnist.MLNet.Training;

/// <summary>The arithmetic of the training passes. The weights the optimizer updates, the loss and the saved and
/// exported model are fp32 either way.</summary>
public enum TrainingPrecision
{
    /// <summary>Everything in 32-bit floats.</summary>
    Fp32,

    /// <summary>Products and convolutions in bfloat16, as PyTorch's CPU autocast runs them: each step casts the fp32
    /// master weights and the activations to bfloat16, batch norm and the loss stay fp32, and the gradients accumulate
    /// into the fp32 weights. Only on a CPU with native bfloat16 (AVX-512 BF16 or AMX); elsewhere training says so
    /// and runs in fp32.</summary>
    Bf16,
}
