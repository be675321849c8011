using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Properties;

/// <summary>What holds for every sequence of measurements and nurse actions: no alert storm, no silent de-escalation.</summary>
public sealed class AlertInvariantProperties
{
    [Property(Arbitrary = [typeof(Journeys)], MaxTest = 200)]
    public void There_is_never_more_than_one_active_alert_per_reason(Journey journey)
    {
        Walk(journey, (episode, _, _) =>
        {
            var activeReasons = episode.Alerts.Active.SelectMany(a => a.Reasons).ToList();
            activeReasons.Should().OnlyHaveUniqueItems();
        });
    }

    [Property(Arbitrary = [typeof(Journeys)], MaxTest = 200)]
    public void The_level_of_an_active_alert_never_decreases(Journey journey)
    {
        Walk(journey, (episode, before, _) =>
        {
            foreach (var alert in episode.Alerts.Active)
            {
                if (before.TryGetValue(alert.AlertId, out var earlier))
                {
                    ((int)alert.Level).Should().BeGreaterThanOrEqualTo((int)earlier.Level, $"alert {alert.AlertId} is still active");
                }
            }
        });
    }

    [Property(Arbitrary = [typeof(Journeys)], MaxTest = 200)]
    public void Every_non_green_finding_is_carried_by_an_active_alert_at_least_as_high(Journey journey)
    {
        Walk(journey, (episode, _, update) =>
        {
            foreach (var finding in update?.Evaluation?.Findings ?? [])
            {
                var carried = episode.Alerts.Active.Any(a => a.Reasons.Contains(finding.Reason) && a.Level >= finding.Level);
                carried.Should().BeTrue($"{finding.Reason} fired at {finding.Level}");
            }

            if (update?.Evaluation is { } evaluation)
            {
                ((int)episode.Level).Should().BeGreaterThanOrEqualTo((int)evaluation.Level);
            }
        });
    }

    [Property(Arbitrary = [typeof(Journeys)], MaxTest = 300)]
    public void The_overall_level_is_the_highest_finding_or_green(Measurement measurement)
    {
        var evaluation = SpotCheck.Evaluate(measurement, prescribedFlow: 2.0);

        var highest = evaluation.Findings.Count == 0 ? Level.Green : evaluation.Findings.Max(f => f.Level);
        evaluation.Level.Should().Be(highest);
        evaluation.Findings.Should().NotContain(f => f.Level == Level.Green);
    }

    /// <summary>
    /// Plays the journey on a fresh episode and checks after every step, given the active alerts as they were
    /// before the step and the update a measurement produced (null for a nurse's action).
    /// </summary>
    private static void Walk(Journey journey, Action<Episode, IReadOnlyDictionary<string, Alert>, EpisodeUpdate?> check)
    {
        var time = new FakeTimeProvider(SpotCheck.MorningRound);
        var alertNumber = 0;
        var episode = Episode.Start(new Enrolment(
            "patient-1", Pathway.EarlyDischarge, "dr.jansen", null, journey.PrescribedFlow,
            new ThresholdOverrides(journey.MaxHomeOxygenFlow), time.GetUtcNow()));

        foreach (var step in journey.Steps)
        {
            var before = episode.Alerts.Active.ToDictionary(a => a.AlertId);
            var update = step switch
            {
                Measure measure => Record(episode, time, measure, () => $"alert-{++alertNumber}"),
                Acknowledge acknowledge => WorkAlert(episode, acknowledge.Pick, a => a.Status == AlertStatus.Open,
                    a => episode.Alerts.Acknowledge(a.AlertId, "nurse.anna", time.GetUtcNow())),
                Resolve resolve => WorkAlert(episode, resolve.Pick, _ => true,
                    a => episode.Alerts.Resolve(a.AlertId, "nurse.anna", "advice-given", null, time.GetUtcNow())),
                _ => throw new InvalidOperationException($"Unknown step {step}"),
            };

            check(episode, before, update);
        }
    }

    private static EpisodeUpdate Record(Episode episode, FakeTimeProvider time, Measure measure, Func<string> newAlertId)
    {
        time.Advance(TimeSpan.FromMinutes(measure.MinutesLater));
        var measurement = measure.Measurement with { MeasuredAt = time.GetUtcNow() };
        return episode.Record(measurement, CovidOxygenProtocol.Default, time.GetUtcNow(), newAlertId);
    }

    private static EpisodeUpdate? WorkAlert(Episode episode, int pick, Func<Alert, bool> workable, Action<Alert> work)
    {
        var candidates = episode.Alerts.Active.Where(workable).ToList();
        if (candidates.Count > 0)
        {
            work(candidates[pick % candidates.Count]);
        }

        return null;
    }
}
