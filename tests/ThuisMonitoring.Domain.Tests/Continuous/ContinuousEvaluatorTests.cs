using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Continuous;

/// <summary>
/// PROTOCOL.md section 4, persistence: a band escalates only once it has held for its whole window (red SpO2 60 s,
/// orange SpO2 5 min, heart and respiratory rate 2 min; boundaries in <see cref="HoldTests"/>); artefacts are never
/// evaluated; recovery steps down after 15 min. Time runs on a FakeTimeProvider, one sample a second.
/// </summary>
public sealed class ContinuousEvaluatorTests
{
    private static readonly ContinuousRules Rules = CovidOxygenProtocol.Default.Continuous;
    private readonly FakeTimeProvider _time = new(SpotCheck.MorningRound);
    private readonly ContinuousEvaluator _evaluator = new(CovidOxygenProtocol.Default);
    private readonly OxygenPrescription _onTwoLitres = new(2.0);

    public static TheoryData<string, int, Level, string, int> Bands => new()
    {
        // parameter, value, level, reason, window in seconds (from PROTOCOL.md section 4)
        { "spo2", 91, Level.Red, "spo2-critical", 60 },
        { "spo2", 85, Level.Red, "spo2-critical", 60 },
        { "spo2", 93, Level.Orange, "spo2-low", 300 },
        { "spo2", 92, Level.Orange, "spo2-low", 300 },
        { "heartRate", 131, Level.Red, "heart-rate-high", 120 },
        { "heartRate", 111, Level.Orange, "heart-rate-high", 120 },
        { "heartRate", 130, Level.Orange, "heart-rate-high", 120 },
        { "heartRate", 40, Level.Red, "heart-rate-low", 120 },
        { "respiratoryRate", 25, Level.Red, "respiratory-rate-high", 120 },
        { "respiratoryRate", 21, Level.Orange, "respiratory-rate-high", 120 },
        { "respiratoryRate", 24, Level.Orange, "respiratory-rate-high", 120 },
        { "respiratoryRate", 8, Level.Red, "respiratory-rate-low", 120 },
    };

    [Theory]
    [MemberData(nameof(Bands))]
    public void A_band_escalates_only_once_it_has_held_for_its_window(string parameter, int value, Level level, string reason, int windowSeconds)
    {
        Evaluation? first = null;
        var samples = 0;
        while (first is null && samples < 600)
        {
            first = Observe(Sample(parameter, value)).Evaluation;
            samples++;
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        samples.Should().Be(windowSeconds + 1, "the band held from the first sample to the one a whole window later");
        first!.Level.Should().Be(level);
        first.Findings.Should().Contain(f => f.Reason == reason && f.Level == level);
    }

    [Theory]
    [InlineData(94)]
    [InlineData(96)]
    public void Spo2_of_94_or_more_never_escalates(int spo2)
    {
        for (var s = 0; s < 900; s++)
        {
            Observe(new ContinuousSample(Now(), Spo2: spo2, HeartRate: 80, RespiratoryRate: 16)).Evaluation.Should().BeNull();
            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public void Spo2_in_the_orange_band_on_the_maximum_home_flow_is_red_after_its_window()
    {
        var onMaximum = new OxygenPrescription(CovidOxygenProtocol.Default.MaxHomeOxygenFlow);
        Evaluation? evaluation = null;
        for (var s = 0; s < 300 && evaluation is null; s++)
        {
            evaluation = _evaluator.Observe(new ContinuousSample(Now(), Spo2: 93), onMaximum).Evaluation;
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        evaluation!.Findings.Should().ContainSingle(f => f.Reason == "spo2-critical").Which.Level.Should().Be(Level.Red);
    }

    [Fact]
    public void Artefacts_alone_are_never_evaluated()
    {
        for (var s = 0; s < 900; s++)
        {
            var outcome = Observe(new ContinuousSample(Now(), Spo2: 80, HeartRate: 150, PerfusionIndex: 0.1));

            outcome.Artefact.Should().Be(ArtefactKind.LowPerfusion);
            outcome.Evaluation.Should().BeNull();
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        _evaluator.Level.Should().Be(Level.Green);
    }

    [Fact]
    public void After_a_sustained_desaturation_the_level_stays_red_for_15_minutes_of_recovery()
    {
        Steady(96, TimeSpan.FromMinutes(5));
        Steady(88, TimeSpan.FromMinutes(3));
        _evaluator.Level.Should().Be(Level.Red);
        var recoveredAt = Now();
        var stepDowns = new List<(DateTimeOffset At, Level Level)>();

        for (var s = 0; s < 3600; s++)
        {
            if (Observe(new ContinuousSample(Now(), Spo2: 96, HeartRate: 80, RespiratoryRate: 16)).Evaluation is { } evaluation)
            {
                stepDowns.Add((Now(), evaluation.Level));
            }

            _time.Advance(TimeSpan.FromSeconds(1));
        }

        stepDowns.Should().NotBeEmpty();
        stepDowns[0].At.Should().BeOnOrAfter(recoveredAt + Rules.StepDownAfter);
        stepDowns[^1].Level.Should().Be(Level.Green);
        stepDowns.Select(s => s.Level).Should().BeInDescendingOrder();
    }

    [Fact]
    public void Out_of_order_and_repeated_samples_are_ignored()
    {
        Observe(new ContinuousSample(Now(), Spo2: 96));

        var repeat = Observe(new ContinuousSample(Now(), Spo2: 60));
        var older = Observe(new ContinuousSample(Now().AddSeconds(-5), Spo2: 60));

        repeat.Evaluation.Should().BeNull();
        older.Evaluation.Should().BeNull();
        _evaluator.LastSampleAt.Should().Be(Now());
    }

    [Fact]
    public void A_sustained_evaluation_raises_an_alert_through_the_episode()
    {
        var episode = Episode.Start(new Enrolment("patient-1", Pathway.EarlyDischarge, "dr.jansen", null, 2.0, null, Now()));
        Evaluation? evaluation = null;
        for (var s = 0; s <= 60; s++)
        {
            evaluation ??= Observe(new ContinuousSample(Now(), Spo2: 89)).Evaluation;
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var update = episode.Apply(evaluation!, Now(), () => "alert-1");

        update.ChangedAlerts.Should().ContainSingle().Which.Reasons.Should().Contain("spo2-critical");
        episode.LastLevel.Should().Be(Level.Red);
    }

    private void Steady(int spo2, TimeSpan length)
    {
        for (var s = 0; s < length.TotalSeconds; s++)
        {
            Observe(new ContinuousSample(Now(), Spo2: spo2, HeartRate: 80, RespiratoryRate: 16));
            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private ContinuousSample Sample(string parameter, int value) => parameter switch
    {
        "spo2" => new ContinuousSample(Now(), Spo2: value),
        "heartRate" => new ContinuousSample(Now(), HeartRate: value),
        _ => new ContinuousSample(Now(), RespiratoryRate: value),
    };

    private ContinuousOutcome Observe(ContinuousSample sample) => _evaluator.Observe(sample, _onTwoLitres);

    private DateTimeOffset Now() => _time.GetUtcNow();
}
