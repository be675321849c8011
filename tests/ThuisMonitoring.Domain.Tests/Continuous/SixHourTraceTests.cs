using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Continuous;

/// <summary>
/// The continuous-data test: six hours at 1 Hz of a stable patient on 2 L/min with motion artefacts,
/// sensor-off gaps, cold fingers and a short silence raise no alert; the same trace with a real sustained
/// desaturation raises exactly one. The device watch runs every minute on the same clock.
/// </summary>
public sealed class SixHourTraceTests
{
    private static readonly DateTimeOffset Start = new(2021, 12, 13, 0, 0, 0, TimeSpan.FromHours(1));
    private static readonly TimeSpan SixHours = TimeSpan.FromHours(6);
    private static readonly TimeSpan DesaturationAt = TimeSpan.FromHours(3);

    [Fact]
    public void A_stable_patient_with_artefacts_and_gaps_raises_no_alert()
    {
        var trace = Spoiled(new Trace(Start, SixHours, _ => (96, 72, 16)));

        var run = Play(trace);

        run.Episode.Alerts.All.Should().BeEmpty();
        run.Evaluations.Should().BeEmpty();
        run.Flagged.Should().BeEquivalentTo(trace.Spoiled, "every injected artefact, and nothing else, is flagged");
        run.Flagged.Should().NotBeEmpty();
    }

    [Fact]
    public void The_same_trace_with_a_sustained_desaturation_raises_exactly_one_alert()
    {
        var trace = Spoiled(new Trace(Start, SixHours, Desaturating));

        var run = Play(trace);

        var alert = run.Episode.Alerts.All.Should().ContainSingle().Subject;
        alert.Level.Should().Be(Level.Red);
        alert.Reasons.Should().Contain("spo2-critical");
        alert.RaisedAt.Should().BeAfter(Start + DesaturationAt).And.BeBefore(Start + DesaturationAt + TimeSpan.FromMinutes(6));
        run.Episode.LastLevel.Should().Be(Level.Green, "the patient recovered for hours after");
    }

    /// <summary>From three hours in: SpO2 falls 3 points a minute to 87, stays there 10 min, then climbs back.</summary>
    private static (int, int, int) Desaturating(int second)
    {
        var t = second - (int)DesaturationAt.TotalSeconds;
        var spo2 = t switch
        {
            < 0 => 96,
            < 180 => 96 - (t / 20),
            < 780 => 87,
            < 960 => 87 + ((t - 780) / 20),
            _ => 96,
        };
        return (spo2, 72, 16);
    }

    private static Trace Spoiled(Trace trace)
    {
        var random = new Random(7);
        return trace
            .Silence(TimeSpan.FromHours(4.5), TimeSpan.FromMinutes(6))
            .Motion(TimeSpan.FromMinutes(17), TimeSpan.FromMinutes(7), random)
            .SensorOff(TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(2))
            .LowPerfusion(TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(33), TimeSpan.FromSeconds(30));
    }

    private static Run Play(Trace trace)
    {
        var time = new FakeTimeProvider(Start);
        var protocol = CovidOxygenProtocol.Default;
        var episode = Episode.Start(new Enrolment("patient-1", Pathway.EarlyDischarge, "dr.jansen", null, 2.0, null, Start));
        var evaluator = new ContinuousEvaluator(protocol);
        var prescription = new OxygenPrescription(episode.OxygenFlow);
        var flagged = new HashSet<DateTimeOffset>();
        var evaluations = new List<Evaluation>();
        var alertNumber = 0;
        var nextWatch = Start.AddMinutes(1);

        foreach (var sample in trace.Samples)
        {
            time.AdjustTime(sample.At);
            while (nextWatch <= sample.At)
            {
                if (DeviceRules.CheckSilence(evaluator.LastSampleAt, nextWatch, protocol) is { } silent)
                {
                    evaluations.Add(silent);
                    episode.Apply(silent, nextWatch, () => $"alert-{++alertNumber}");
                }

                nextWatch = nextWatch.AddMinutes(1);
            }

            var outcome = evaluator.Observe(sample, prescription);
            if (outcome.IsArtefact)
            {
                flagged.Add(sample.At);
            }

            flagged.UnionWith(outcome.LateArtefacts);
            if (outcome.Evaluation is { } evaluation)
            {
                evaluations.Add(evaluation);
                episode.Apply(evaluation, time.GetUtcNow(), () => $"alert-{++alertNumber}");
            }
        }

        return new Run(episode, flagged, evaluations);
    }

    private sealed record Run(Episode Episode, IReadOnlySet<DateTimeOffset> Flagged, IReadOnlyList<Evaluation> Evaluations);
}
