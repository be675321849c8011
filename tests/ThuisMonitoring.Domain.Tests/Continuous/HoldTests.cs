using System.Text.Json;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Continuous;

/// <summary>
/// PROTOCOL.md section 4, "held": a band escalates only once its running median (about 5 s) has stayed in it for the
/// whole window. A dip "held H seconds" below is one whose running median was in the band from one sample to the one
/// H seconds later; one sample a second, on 2 L/min.
/// </summary>
public sealed class HoldTests
{
    private static readonly DateTimeOffset Start = SpotCheck.MorningRound;
    private readonly OxygenPrescription _onTwoLitres = new(2.0);
    private ContinuousEvaluator _evaluator = new(CovidOxygenProtocol.Default);
    private DateTimeOffset _now = Start;

    public static TheoryData<string, int, int, Level> Boundaries => new()
    {
        // parameter, value in the band, window (s), level once held
        { "spo2", 88, 60, Level.Red },
        { "spo2", 93, 300, Level.Orange },
        { "heartRate", 120, 120, Level.Orange },
        { "heartRate", 135, 120, Level.Red },
        { "respiratoryRate", 22, 120, Level.Orange },
        { "respiratoryRate", 27, 120, Level.Red },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void A_band_held_one_second_less_than_its_window_raises_nothing(string parameter, int value, int window, Level level)
    {
        Steady(TimeSpan.FromMinutes(2));

        Hold(parameter, value, window - 1);
        Steady(TimeSpan.FromMinutes(1));

        _evaluator.Level.Should().Be(Level.Green, $"{parameter} {value} held {window - 1} s, one second short of its {level} window");
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void A_band_held_one_second_more_than_its_window_escalates_at_its_level(string parameter, int value, int window, Level level)
    {
        Steady(TimeSpan.FromMinutes(2));

        var evaluations = Hold(parameter, value, window + 1);
        evaluations.AddRange(Steady(TimeSpan.FromMinutes(1)));

        evaluations.Should().ContainSingle().Which.Level.Should().Be(level);
        _evaluator.Level.Should().Be(level);
    }

    [Fact]
    public void A_band_escalates_at_the_sample_that_completes_its_window()
    {
        Steady(TimeSpan.FromMinutes(2));

        var evaluations = Hold("spo2", 88, 60, keepGoing: true);

        var evaluation = evaluations.Should().ContainSingle().Subject;
        var hold = evaluation.Holds.Should().ContainSingle().Subject;
        (hold.To - hold.From).Should().Be(TimeSpan.FromSeconds(60));
        hold.Window.Should().Be(TimeSpan.FromSeconds(60));
        hold.Reason.Should().Be(ReasonCodes.Spo2Critical);
        hold.Samples.Should().NotBeEmpty().And.OnlyContain(s => s.At >= hold.From.AddSeconds(-5) && s.At <= hold.To);
    }

    [Fact]
    public void A_40_second_dip_to_90_while_walking_with_heart_rate_115_for_60_seconds_raises_nothing()
    {
        // The second report: the old window median fired once more than half of the red window was in the band.
        Steady(TimeSpan.FromMinutes(5));
        for (var s = 0; s < 60; s++)
        {
            Observe(new ContinuousSample(_now, Spo2: s is >= 10 and < 50 ? 90 : 95, HeartRate: 115, RespiratoryRate: 18));
        }

        var evaluations = Steady(TimeSpan.FromMinutes(10));

        evaluations.Should().BeEmpty();
        _evaluator.Level.Should().Be(Level.Green);
    }

    [Fact]
    public void One_noisy_sample_neither_breaks_a_hold_nor_makes_one()
    {
        Steady(TimeSpan.FromMinutes(2));

        // 88 for 70 s with one 97 in the middle: still held; 96 with a lone 80 every 20 s: never in the band.
        var evaluations = new List<Evaluation>();
        for (var s = 0; s <= 70; s++)
        {
            evaluations.AddRange(Observe(new ContinuousSample(_now, Spo2: s == 30 ? 97 : 88, HeartRate: 80, RespiratoryRate: 16)));
        }

        evaluations.Should().ContainSingle().Which.Level.Should().Be(Level.Red);

        var clean = new HoldTests();
        clean.Steady(TimeSpan.FromMinutes(2));
        for (var s = 0; s < 600; s++)
        {
            clean.Observe(new ContinuousSample(clean._now, Spo2: s % 20 == 0 ? 80 : 96, HeartRate: 80, RespiratoryRate: 16))
                .Should().BeEmpty();
        }
    }

    [Fact]
    public void A_gap_without_trusted_samples_breaks_the_hold()
    {
        Steady(TimeSpan.FromMinutes(2));

        Hold("spo2", 88, 40);
        _now = _now.AddSeconds(ContinuousEvaluator.HoldBreaksAfter.TotalSeconds + 5);
        Hold("spo2", 88, 40);

        _evaluator.Level.Should().Be(Level.Green, "two 40 s holds with a gap between are not one 60 s hold");
    }

    [Fact]
    public void A_restart_in_the_middle_of_a_window_keeps_the_hold()
    {
        Steady(TimeSpan.FromMinutes(2));
        Hold("spo2", 88, 40, keepGoing: true);

        // The grain saves the state and is reactivated elsewhere: through JSON, as grain storage does.
        var json = JsonSerializer.Serialize(_evaluator.ToState());
        _evaluator = new ContinuousEvaluator(CovidOxygenProtocol.Default, JsonSerializer.Deserialize<ContinuousState>(json));
        var evaluations = new List<Evaluation>();
        for (var s = 0; s < 25; s++)
        {
            evaluations.AddRange(Observe(new ContinuousSample(_now, Spo2: 88, HeartRate: 80, RespiratoryRate: 16)));
        }

        evaluations.Should().ContainSingle().Which.Level.Should().Be(Level.Red, "40 s before and 20 s after the restart are one held window");
    }

    [Fact]
    public void State_of_another_protocol_starts_the_windows_over()
    {
        Steady(TimeSpan.FromMinutes(2));
        Hold("spo2", 88, 40, keepGoing: true);
        var state = _evaluator.ToState() with { ProtocolId = "covid-oxygen@0" };

        _evaluator = new ContinuousEvaluator(CovidOxygenProtocol.Default, state);
        Hold("spo2", 88, 30);

        _evaluator.Level.Should().Be(Level.Green);
    }

    /// <summary>Holds <paramref name="parameter"/> at <paramref name="value"/> so that its running median stays in the band <paramref name="seconds"/> s.</summary>
    private List<Evaluation> Hold(string parameter, int value, int seconds, bool keepGoing = false)
    {
        // The 5-sample running median enters the band at the 3rd sample and leaves it after the 2nd sample back outside
        // it: seconds + 1 samples in the band make a hold of exactly that many seconds once 2 more follow (the steady
        // samples after it, or keepGoing).
        var evaluations = new List<Evaluation>();
        var samples = keepGoing ? seconds + 3 : seconds + 1;
        for (var s = 0; s < samples; s++)
        {
            evaluations.AddRange(Observe(parameter switch
            {
                "spo2" => new ContinuousSample(_now, Spo2: value, HeartRate: 80, RespiratoryRate: 16),
                "heartRate" => new ContinuousSample(_now, Spo2: 96, HeartRate: value, RespiratoryRate: 16),
                _ => new ContinuousSample(_now, Spo2: 96, HeartRate: 80, RespiratoryRate: value),
            }));
        }

        return evaluations;
    }

    private List<Evaluation> Steady(TimeSpan length)
    {
        var evaluations = new List<Evaluation>();
        for (var s = 0; s < length.TotalSeconds; s++)
        {
            evaluations.AddRange(Observe(new ContinuousSample(_now, Spo2: 96, HeartRate: 80, RespiratoryRate: 16)));
        }

        return evaluations;
    }

    private List<Evaluation> Observe(ContinuousSample sample)
    {
        var outcome = _evaluator.Observe(sample, _onTwoLitres);
        _now = _now.AddSeconds(1);
        return outcome.Evaluation is { } evaluation ? [evaluation] : [];
    }
}
