using System.Globalization;
using System.Text.RegularExpressions;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Tests.Replay;

namespace ThuisMonitoring.Domain.Tests.Ranges;

/// <summary>
/// The patient app checks typed values before sending them (src/ThuisMonitoring.Web/PatientApp/entry-rules.js); its
/// copy of the ranges must be <see cref="MeasurementRanges"/>, or a patient would be told a value is fine that the
/// platform then refuses (or the other way round).
/// </summary>
public sealed partial class PatientAppRangesTests
{
    private static readonly string EntryRules = Path.Combine(Repository.Directory, "src", "ThuisMonitoring.Web", "PatientApp", "entry-rules.js");

    public static TheoryData<string, double, double, bool> Ranges() => new()
    {
        { "spo2", MeasurementRanges.Spo2.Min, MeasurementRanges.Spo2.Max, true },
        { "heartRate", MeasurementRanges.HeartRate.Min, MeasurementRanges.HeartRate.Max, true },
        { "respiratoryRate", MeasurementRanges.RespiratoryRate.Min, MeasurementRanges.RespiratoryRate.Max, true },
        { "temperature", MeasurementRanges.Temperature.Min, MeasurementRanges.Temperature.Max, false },
        { "oxygenFlow", MeasurementRanges.OxygenFlow.Min, MeasurementRanges.OxygenFlow.Max, false },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void The_patient_app_checks_a_field_against_the_platforms_range(string field, double min, double max, bool whole)
    {
        var rules = ReadRanges();

        rules.Should().ContainKey(field);
        rules[field].Should().Be((min, max, whole), $"entry-rules.js must check {field} as MeasurementRanges does");
    }

    [Fact]
    public void The_patient_app_has_no_range_of_its_own_beyond_the_platforms()
    {
        ReadRanges().Keys.Should().BeEquivalentTo(Ranges().Select(row => (string)row[0]));
    }

    private static Dictionary<string, (double Min, double Max, bool Whole)> ReadRanges()
    {
        var script = File.ReadAllText(EntryRules);
        var block = RangesBlock().Match(script);
        block.Success.Should().BeTrue("entry-rules.js exports its ranges as `export const RANGES = { ... };`");
        var rules = new Dictionary<string, (double, double, bool)>(StringComparer.Ordinal);
        foreach (Match rule in RangeLine().Matches(block.Groups["body"].Value))
        {
            rules.Add(
                rule.Groups["field"].Value,
                (double.Parse(rule.Groups["min"].Value, CultureInfo.InvariantCulture),
                 double.Parse(rule.Groups["max"].Value, CultureInfo.InvariantCulture),
                 rule.Groups["whole"].Value == "true"));
        }

        rules.Should().HaveCount(block.Groups["body"].Value.Split('\n').Count(line => line.Contains(':', StringComparison.Ordinal)),
            "every line of RANGES reads as `field: { min: N, max: N, whole: true|false }`");
        return rules;
    }

    [GeneratedRegex(@"export const RANGES = \{(?<body>.*?)\n\};", RegexOptions.Singleline)]
    private static partial Regex RangesBlock();

    [GeneratedRegex(@"(?<field>\w+): \{ min: (?<min>-?\d+(\.\d+)?), max: (?<max>-?\d+(\.\d+)?), whole: (?<whole>true|false) \}")]
    private static partial Regex RangeLine();
}
