namespace Mnist.MLNet.Network.Layers;

/// <summary>A layer stack's spelling (<c>conv32k3,pool2,dense128</c>) has a token that is not a layer.</summary>
public sealed class LayerSpellingException(string spelling, int position, string token, string problem)
    : FormatException($"Layer stack '{spelling}': token {position} '{token}' {problem}. {LayerSpelling.Grammar}")
{
    /// <summary>The whole spelling that was read.</summary>
    public string Spelling { get; } = spelling;

    /// <summary>The bad token's position, from 1.</summary>
    public int Position { get; } = position;

    /// <summary>The bad token as written.</summary>
    public string Token { get; } = token;
}
