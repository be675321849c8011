using System.Globalization;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.TimeSeries;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Timeline;
using ThuisMonitoring.Grains.Contracts;

namespace ThuisMonitoring.Web.Api;

/// <summary>Builds the <see cref="CareSummaryDto"/> of a patient from the episode (alerts, timeline, advice) and the trends store.</summary>
public sealed class CareSummary(IGrainFactory grains, ITimeSeriesReader trends, AlertPresenter presenter, TimeProvider clock)
{
    /// <summary>How far back the trends of a summary go.</summary>
    public static readonly TimeSpan TrendWindow = TimeSpan.FromHours(48);

    private static readonly (VitalSign Sign, string Code, string Unit)[] Signs =
    [
        (VitalSign.Spo2, "spo2", "%"),
        (VitalSign.HeartRate, "heart-rate", "/min"),
        (VitalSign.RespiratoryRate, "respiratory-rate", "/min"),
        (VitalSign.OxygenFlow, "oxygen-flow", "L/min"),
        (VitalSign.Temperature, "temperature", "Cel"),
    ];

    public async Task<CareSummaryDto?> OfAsync(PatientRecord record, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IPatientGrain>(record.PatientId);
        if (await grain.GetEpisode() is not { } snapshot)
        {
            return null;
        }

        var episode = new Episode(snapshot);
        var now = clock.GetUtcNow();
        var endedAt = episode.IsActive ? null : episode.Transitions.LastOrDefault()?.At;
        var to = endedAt ?? now;
        var from = to - TrendWindow;
        var timeline = await OxygenChangesAndNotesAsync(grain);
        var patientAlerts = episode.Alerts.All.OrderBy(a => a.RaisedAt).ToList();
        var trendSummaries = new List<TrendSummaryDto>();
        foreach (var (sign, code, unit) in Signs)
        {
            trendSummaries.Add(Summarise(code, unit, await trends.ReadPerMinuteAsync(record.PatientId, sign, from, to, cancellationToken)));
        }

        return new CareSummaryDto(
            record.PatientId, record.Name, record.BirthDate, record.Identifier, record.Phone, record.Address, record.Pathway.ToCode(),
            episode.ResponsibleClinician, await presenter.DisplayNameAsync(episode.ResponsibleClinician, cancellationToken), record.Organisation,
            new EpisodeSummaryDto(
                episode.State.ToCode(), episode.Enrolment.EnrolledAt, endedAt, (int)Math.Floor((to - episode.Enrolment.EnrolledAt).TotalDays) + 1,
                episode.Level.ToCode(), episode.Transitions.Select(TransitionDto.Of).ToList(),
                episode.Eligibility is { } eligibility ? EligibilityDto.From(eligibility) : null),
            new OxygenCourseDto(episode.Enrolment.OxygenFlow, episode.OxygenFlow, timeline
                .Where(e => e.Kind == TimelineKinds.OxygenChanged)
                .Select(e => new OxygenChangeDto(e.At, e.By, Number(e, "from"), Number(e, "to")))
                .ToList()),
            trendSummaries,
            patientAlerts.Select(a => new AlertSummaryDto(
                a.AlertId, a.Level.ToAlertCode(), a.Reasons, a.RaisedAt, a.Status.ToCode(), a.Outcome, a.Note, a.ResolvedAt, a.Escalation?.To)).ToList(),
            episode.Advice.Where(a => a.IsOpen).Select(AdviceDto.From).ToList(),
            timeline.Where(e => e.Kind == TimelineKinds.Note).Select(TimelineEntryDto.From).ToList(),
            from,
            now);
    }

    private static TrendSummaryDto Summarise(string sign, string unit, IReadOnlyList<VitalAggregate> minutes)
    {
        if (minutes.Count == 0)
        {
            return new TrendSummaryDto(sign, unit, 0, null, null, null, null, null);
        }

        var count = minutes.Sum(m => m.Count);
        var mean = minutes.Sum(m => m.Mean * m.Count) / count;
        return new TrendSummaryDto(sign, unit, count, minutes.Min(m => m.Min), minutes.Max(m => m.Max), Math.Round(mean, 1),
            minutes[^1].Mean, minutes[^1].Minute);
    }

    /// <summary>The timeline entries the summary shows (the oxygen course and the notes), from the timeline store.</summary>
    private static async Task<List<TimelineEntry>> OxygenChangesAndNotesAsync(IPatientGrain grain)
    {
        var entries = new List<TimelineEntry>();
        var query = new TimelineQuery(Kinds: [TimelineKinds.OxygenChanged, TimelineKinds.Note]);
        while (true)
        {
            var page = await grain.GetTimelinePage(query);
            entries.AddRange(page.Entries);
            if (page.Next is null)
            {
                return entries;
            }

            query = query with { After = page.Next };
        }
    }

    private static double? Number(TimelineEntry entry, string key) =>
        entry.Details is { } details && details.TryGetValue(key, out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
