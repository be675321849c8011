using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols;

/// <summary>
/// PROTOCOL.md section 2, the trend rows: an SpO2 drop of 4 or more points against the median of the last 24 h at
/// rest is orange <c>spo2-drop</c>; a fall of 4 or more on exertion against the last value at rest is orange
/// <c>exertional-desaturation</c>. Neither rule is ever red: the absolute bands take over.
/// </summary>
public sealed class TrendRuleTests
{
    private static readonly DateTimeOffset Now = SpotCheck.MorningRound;

    [Theory]
    [InlineData(97, 94, null)]
    [InlineData(97, 93, Level.Orange)]
    [InlineData(98, 95, null)]
    [InlineData(98, 94, Level.Orange)]
    [InlineData(99, 96, null)]
    [InlineData(99, 95, Level.Orange)]
    [InlineData(99, 90, Level.Orange)]
    [InlineData(96, 97, null)]
    public void A_drop_of_4_points_below_the_baseline_at_rest_is_orange_spo2_drop(int baseline, int spo2, Level? expected)
    {
        var history = AtRest(Now.AddHours(-12), baseline, baseline, baseline);

        var evaluation = Evaluate(SpotCheck.Of(spo2: spo2, measuredAt: Now), history);

        var drop = evaluation.Findings.SingleOrDefault(f => f.Reason == "spo2-drop");
        if (expected is null)
        {
            drop.Should().BeNull();
        }
        else
        {
            drop.Should().Be(new Finding("spo2-drop", Level.Orange, "spo2", spo2, baseline));
        }
    }

    [Theory]
    [InlineData(94, Level.Orange)]
    [InlineData(93, Level.Orange)]
    [InlineData(91, Level.Red)]
    public void The_drop_rule_is_never_red_the_absolute_bands_decide_that(int spo2, Level expectedOverall)
    {
        var evaluation = Evaluate(SpotCheck.Of(spo2: spo2, measuredAt: Now), AtRest(Now.AddHours(-12), 99, 99, 99));

        evaluation.Findings.Single(f => f.Reason == "spo2-drop").Level.Should().Be(Level.Orange);
        evaluation.Level.Should().Be(expectedOverall);
    }

    [Fact]
    public void The_baseline_is_the_median_so_one_outlier_does_not_move_it()
    {
        var history = AtRest(Now.AddHours(-20), 96, 98, 80, 99);

        var evaluation = Evaluate(SpotCheck.Of(spo2: 93, measuredAt: Now), history);

        evaluation.Findings.Should().ContainSingle(f => f.Reason == "spo2-drop").Which.Reference.Should().Be(97);
    }

    [Fact]
    public void Values_older_than_24_hours_are_not_part_of_the_baseline()
    {
        var history = AtRest(Now.AddHours(-30), 99, 99, 99).Add(Record(Now.AddHours(-2), 95), TimeSpan.FromDays(2));

        var evaluation = Evaluate(SpotCheck.Of(spo2: 94, measuredAt: Now), history);

        evaluation.Findings.Should().NotContain(f => f.Reason == "spo2-drop", "only one value lies within the last 24 h");
    }

    [Fact]
    public void There_is_no_baseline_before_three_values_at_rest_and_values_on_exertion_do_not_count()
    {
        var history = AtRest(Now.AddHours(-6), 99, 99)
            .Add(Record(Now.AddHours(-1), 99, exertion: true), TimeSpan.FromDays(2));

        var evaluation = Evaluate(SpotCheck.Of(spo2: 94, measuredAt: Now), history);

        evaluation.Findings.Should().BeEmpty();
    }

    [Fact]
    public void Without_a_history_no_trend_rule_fires()
    {
        var evaluation = ProtocolEvaluator.Evaluate(
            SpotCheck.Of(spo2: 94, measuredAt: Now), CovidOxygenProtocol.Default, new OxygenPrescription(0));

        evaluation.Findings.Should().BeEmpty();
    }

    [Theory]
    [InlineData(98, 95, null, Level.Green)]
    [InlineData(98, 94, Level.Orange, Level.Orange)]
    [InlineData(97, 93, Level.Orange, Level.Orange)]
    [InlineData(96, 93, null, Level.Orange)]
    [InlineData(98, 90, Level.Orange, Level.Red)]
    [InlineData(94, 96, null, Level.Green)]
    public void A_fall_of_4_points_on_exertion_against_the_last_value_at_rest_is_orange_exertional_desaturation(
        int atRest, int onExertion, Level? expected, Level expectedOverall)
    {
        var history = AtRest(Now.AddMinutes(-3), atRest);

        var evaluation = Evaluate(Exertion(onExertion), history);

        var finding = evaluation.Findings.SingleOrDefault(f => f.Reason == "exertional-desaturation");
        if (expected is null)
        {
            finding.Should().BeNull();
        }
        else
        {
            finding.Should().Be(new Finding("exertional-desaturation", Level.Orange, "spo2", onExertion, atRest));
        }

        evaluation.Level.Should().Be(expectedOverall);
        evaluation.Findings.Should().NotContain(f => f.Reason == "spo2-drop", "a value on exertion is compared with rest, not the baseline");
    }

    [Fact]
    public void Exertion_is_compared_with_the_last_value_at_rest_not_an_earlier_one()
    {
        var history = AtRest(Now.AddHours(-7), 99, 96);

        var evaluation = Evaluate(Exertion(93), history);

        evaluation.Findings.Should().NotContain(f => f.Reason == "exertional-desaturation");
    }

    [Fact]
    public void Exertion_without_a_value_at_rest_has_nothing_to_compare_with()
    {
        var evaluation = Evaluate(Exertion(93), VitalHistory.Empty);

        evaluation.Findings.Should().NotContain(f => f.Reason == "exertional-desaturation");
    }

    private static Measurement Exertion(int spo2) => new(Now, Spo2: spo2, Exertion: true);

    private static Evaluation Evaluate(Measurement measurement, VitalHistory history) =>
        ProtocolEvaluator.Evaluate(measurement, CovidOxygenProtocol.Default, new OxygenPrescription(0), history);

    /// <summary>At-rest SpO2 values, one every 3 hours from <paramref name="first"/>.</summary>
    private static VitalHistory AtRest(DateTimeOffset first, params int[] values) =>
        values.Select((v, i) => Record(first.AddHours(3 * i), v))
            .Aggregate(VitalHistory.Empty, (h, r) => h.Add(r, TimeSpan.FromDays(2)));

    private static VitalRecord Record(DateTimeOffset at, int spo2, bool exertion = false) =>
        new(at, spo2, null, null, 0, exertion, Level.Green);
}
