using System.Globalization;
using System.Text.RegularExpressions;

namespace Mnist.MLNet.Network.Layers;

/// <summary>Reads and writes a layer stack as one line of comma-separated tokens, the CLI's <c>--layers</c>:
/// <c>conv32k3,pool2,conv64k3,pool2,dense128</c>.</summary>
/// <remarks>A <c>conv</c> or <c>dense</c> token brings its ReLU, as Keras's <c>activation="relu"</c> does, so the
/// common stacks stay short; <c>:linear</c> leaves it out. A <c>bn</c> right after such a token goes between the layer
/// and its ReLU (convolution, batch norm, ReLU: the usual order).</remarks>
public static partial class LayerSpelling
{
    /// <summary>The spelling's grammar, as error messages and <c>--help</c> state it.</summary>
    public const string Grammar =
        "Tokens: conv<filters>k<kernel>[s<stride>][p<padding>] (2-D convolution + ReLU), dense<units> (linear + ReLU; " +
        "add :linear to either for no ReLU), pool<size>[s<stride>] (max-pooling), drop<rate> (dropout), " +
        "bn (batch norm; after conv/dense it goes before their ReLU), relu, flatten (added before the first dense on an image).";

    [GeneratedRegex(@"^conv(?<f>\d+)k(?<k>\d+)(s(?<s>\d+))?(p(?<p>\d+))?(?<act>:linear|:relu)?$")]
    private static partial Regex ConvToken();

    [GeneratedRegex(@"^dense(?<n>\d+)(?<act>:linear|:relu)?$")]
    private static partial Regex DenseToken();

    [GeneratedRegex(@"^pool(?<k>\d+)(s(?<s>\d+))?$")]
    private static partial Regex PoolToken();

    [GeneratedRegex(@"^drop(?<r>\d*\.?\d+)$")]
    private static partial Regex DropToken();

    /// <summary>The layers that <paramref name="spelling"/> declares.</summary>
    /// <exception cref="LayerSpellingException">A token is not a layer, or its numbers are out of range; the message
    /// names the token and its position.</exception>
    public static IReadOnlyList<LayerSpec> Parse(string spelling)
    {
        ArgumentNullException.ThrowIfNull(spelling);
        var tokens = spelling.Split(',', StringSplitOptions.TrimEntries);
        if (tokens is [""]) throw new LayerSpellingException(spelling, 1, "", "is empty: declare at least one layer");
        var layers = new List<LayerSpec>();
        bool impliedRelu = false;   // whether the last layer is the ReLU that a conv/dense token brought
        for (int i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i].ToLowerInvariant();
            try
            {
                bool follows = impliedRelu;
                impliedRelu = false;
                switch (token)
                {
                    case "bn" when follows: layers.Insert(layers.Count - 1, new BatchNormLayer()); break;
                    case "bn": layers.Add(new BatchNormLayer()); break;
                    case "relu": layers.Add(new ReluLayer()); break;
                    case "flatten": layers.Add(new FlattenLayer()); break;
                    default: impliedRelu = AddWeighted(token, layers); break;
                }
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new LayerSpellingException(spelling, i + 1, tokens[i], $"is out of range ({FirstLine(e.Message)})");
            }
            catch (OverflowException)
            {
                throw new LayerSpellingException(spelling, i + 1, tokens[i], "has a number too large");
            }
            catch (FormatException)
            {
                throw new LayerSpellingException(spelling, i + 1, tokens[i], token.Length == 0 ? "is empty" : "is not a layer");
            }
        }
        return layers;
    }

    /// <summary>The spelling of <paramref name="layers"/>: <see cref="Parse"/> gives them back.</summary>
    public static string Write(IReadOnlyList<LayerSpec> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var tokens = new List<string>();
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            if (layer is not (Conv2dLayer or DenseLayer)) { tokens.Add(layer.Token); continue; }
            LayerSpec? Next(int k) => i + k < layers.Count ? layers[i + k] : null;
            if (Next(1) is BatchNormLayer && Next(2) is ReluLayer) { tokens.Add(layer.Token); tokens.Add("bn"); i += 2; }
            // A ReLU followed by batch norm would read back as batch norm before the ReLU: spell that ReLU out.
            else if (Next(1) is ReluLayer && Next(2) is not BatchNormLayer) { tokens.Add(layer.Token); i += 1; }
            else tokens.Add(layer.Token + ":linear");
        }
        return string.Join(",", tokens);
    }

    // A conv, dense, pool or drop token; true when it brought a ReLU.
    private static bool AddWeighted(string token, List<LayerSpec> layers)
    {
        if (ConvToken().Match(token) is { Success: true } conv)
        {
            layers.Add(new Conv2dLayer(Number(conv, "f"), Number(conv, "k"), Number(conv, "s", 1), Number(conv, "p", 0)));
            return AddActivation(conv, layers);
        }
        if (DenseToken().Match(token) is { Success: true } dense)
        {
            layers.Add(new DenseLayer(Number(dense, "n")));
            return AddActivation(dense, layers);
        }
        if (PoolToken().Match(token) is { Success: true } pool)
        {
            layers.Add(new MaxPoolLayer(Number(pool, "k"), pool.Groups["s"].Success ? Number(pool, "s") : null));
            return false;
        }
        if (DropToken().Match(token) is { Success: true } drop)
        {
            layers.Add(new DropoutLayer(double.Parse(drop.Groups["r"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)));
            return false;
        }
        throw new FormatException();
    }

    private static bool AddActivation(Match match, List<LayerSpec> layers)
    {
        if (match.Groups["act"].Value == ":linear") return false;
        layers.Add(new ReluLayer());
        return true;
    }

    private static int Number(Match match, string group, int? absent = null) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture)
            : absent ?? throw new FormatException();

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
