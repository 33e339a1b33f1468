using Mnist.MLNet.Training.Optimization;

namespace Mnist.MLNet.Training.Losses;

/// <summary>Each row's share of a batch's mean loss: 1 / rows, or with example weights w_r / Σw (PyTorch's weighted
/// mean), so the learning rate means the same with or without weights.</summary>
/// <remarks>A batch whose weights are all zero has no loss and no gradient. The summed loss a step reports is rows
/// times the (weighted) mean, so epoch losses read the same way with and without weights.</remarks>
internal readonly unsafe struct RowShares
{
    private readonly float* _weights;
    private readonly float _scale;   // 1 / rows, or 1 / Σw
    private readonly int _rows;

    private RowShares(float* weights, float scale, int rows)
    {
        _weights = weights;
        _scale = scale;
        _rows = rows;
    }

    /// <summary>The shares of <paramref name="rows"/> rows of <paramref name="batch"/>, weighted when it has weights.</summary>
    public static RowShares Of(BatchGather.Batch batch, int rows)
    {
        float* weights = batch.WeightsAddress;
        if (weights == null) return new RowShares(null, 1f / rows, rows);
        double sum = 0;
        for (int r = 0; r < rows; r++) sum += weights[r];
        return new RowShares(weights, sum > 0 ? (float)(1 / sum) : 0f, rows);
    }

    /// <summary>Row <paramref name="row"/>'s share of the mean: the factor of its loss's gradient.</summary>
    public float this[int row] => _weights == null ? _scale : _weights[row] * _scale;

    /// <summary>What row <paramref name="row"/>'s loss counts in the summed loss (rows times the mean): 1 unweighted.</summary>
    public float InSum(int row) => _weights == null ? 1f : _weights[row] * _scale * _rows;
}
