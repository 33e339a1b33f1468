using System.Globalization;

namespace Mnist.MLNet.Tests.Tabular;

/// <summary>Small CSV files written for a test.</summary>
internal static class CsvFiles
{
    /// <summary>Writes <paramref name="lines"/> to <paramref name="name"/> in <paramref name="directory"/>.</summary>
    public static string Write(TempDirectory directory, string name, params string[] lines)
    {
        var path = directory.Combine(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Customers: an identifier, an age with gaps, a city, a membership flag and the plan they chose,
    /// which follows from city and age (so a model can learn it).</summary>
    public static string Customers(TempDirectory directory, int rows = 300, int seed = 1)
    {
        var random = new Random(seed);
        string[] cities = ["Oslo", "Paris", "Lima"];
        var lines = Enumerable.Range(0, rows).Select(i =>
        {
            var city = cities[random.Next(cities.Length)];
            double age = 18 + 62 * random.NextDouble();
            bool member = random.NextDouble() < 0.5;
            var plan = city == "Oslo" ? "basic" : age > 50 ? "premium" : "standard";
            var ageText = random.NextDouble() < 0.1 ? "" : age.ToString("F1", CultureInfo.InvariantCulture);
            return $"c{i:D4},{ageText},{city},{(member ? "true" : "false")},{plan}";
        });
        return Write(directory, "customers.csv", [.. lines.Prepend("id,age,city,member,plan")]);
    }
}
