using System.Globalization;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Advice;

/// <summary>
/// The advice rules of PROTOCOL.md sections 6 and 7, as a pure function of the facts and the time. Weaning: when
/// every measurement since at least 12 h (looking back up to 24 h) on the current flow had SpO2 of at least 94,
/// respiratory rate at most 20 and was green, advise lowering the flow by 0.5 L/min (from the lowest step: stop
/// oxygen). Off oxygen for 24 h (looking back up to 48 h) with SpO2 of at least 94: advise ending monitoring. Flow
/// went up, or SpO2 below 92 on the maximum home flow: advise clinical review. Day 10 after early discharge and
/// day 14 of every episode: advise a review. A rule needs at least <see cref="MinimumMeasurements"/> measurements.
/// </summary>
public static class AdviceRules
{
    /// <summary>Stability is never concluded from a single measurement.</summary>
    public const int MinimumMeasurements = 2;

    /// <summary>The proposals of the rules at <paramref name="now"/>; only kinds <paramref name="wanted"/> passes (null: all) are worked out.</summary>
    public static IReadOnlyList<AdviceProposal> Propose(
        AdviceFacts facts, ProtocolDocument protocol, DateTimeOffset now, Func<AdviceKind, bool>? wanted = null)
    {
        bool Wanted(AdviceKind kind) => wanted is null || wanted(kind);

        // No lambdas here (issue 14): they would capture the parameters, allocated on every call.
        var proposals = new List<AdviceProposal>();
        var w = protocol.Weaning;
        if (facts.OxygenFlow > 0 && Wanted(AdviceKind.LowerOxygenFlow) && Stable(facts, now, w.HoldAtLeast, w.LookBack, w, offOxygen: false) is { } stable)
        {
            var proposed = facts.OxygenFlow <= w.LowestFlow ? 0 : Math.Max(0, facts.OxygenFlow - w.Step);
            var summary = proposed == 0
                ? $"Stable on {Flow(facts.OxygenFlow)} L/min for {Hours(stable)}: advise stopping oxygen; re-measure after {w.RemeasureAfter.TotalMinutes:0} minutes."
                : $"Stable on {Flow(facts.OxygenFlow)} L/min for {Hours(stable)}: advise lowering to {Flow(proposed)} L/min; re-measure after {w.RemeasureAfter.TotalMinutes:0} minutes.";
            proposals.Add(new AdviceProposal(AdviceKind.LowerOxygenFlow, proposed == 0 ? "lowest-flow-tolerated" : "stable-on-current-flow",
                summary, Evidence(facts, now, w.LookBack), proposed));
        }

        if (facts.OxygenFlow == 0 && Wanted(AdviceKind.EndMonitoring) && Stable(facts, now, w.OffOxygenAtLeast, w.EndLookBack, w, offOxygen: true) is { } offOxygen)
        {
            proposals.Add(new AdviceProposal(AdviceKind.EndMonitoring, "stable-off-oxygen",
                $"Off oxygen with SpO2 of at least {w.EndSpo2AtLeast}% for {Hours(offOxygen)}: advise ending monitoring.",
                Evidence(facts, now, w.EndLookBack)));
        }

        if (!Wanted(AdviceKind.ClinicalReview))
        {
        }
        else if (facts.PreviousOxygenFlow is { } previous && facts.OxygenFlow > previous && now - facts.OxygenFlowSince <= w.LookBack)
        {
            proposals.Add(new AdviceProposal(AdviceKind.ClinicalReview, ReasonCodes.OxygenNeedRising,
                $"Oxygen flow went up from {Flow(previous)} to {Flow(facts.OxygenFlow)} L/min: advise clinical review for readmission.",
                Evidence(facts, now, w.LookBack)));
        }
        else if (LastAtRest(facts.History) is { } last
                 && last.Spo2 < w.ReviewWhenSpo2BelowAtMaxFlow && last.OxygenFlow >= protocol.MaxHomeOxygenFlow)
        {
            proposals.Add(new AdviceProposal(AdviceKind.ClinicalReview, "spo2-low-on-maximum-flow",
                $"SpO2 {last.Spo2}% on {Flow(last.OxygenFlow)} L/min, the maximum home flow: advise clinical review for readmission.",
                [last.ToRecord()]));
        }

        var day = protocol.EpisodeReview;
        if (facts.Pathway == Pathway.EarlyDischarge && now >= facts.EnrolledAt.AddDays(day.ResponsibilityReviewDay) && Wanted(AdviceKind.ResponsibilityReview))
        {
            proposals.Add(new AdviceProposal(AdviceKind.ResponsibilityReview, "responsibility-review",
                $"Day {day.ResponsibilityReviewDay} after early discharge: review who stays responsible (hospital specialist or GP).", []));
        }

        if (now >= facts.EnrolledAt.AddDays(day.EpisodeReviewDay) && Wanted(AdviceKind.EpisodeReview))
        {
            proposals.Add(new AdviceProposal(AdviceKind.EpisodeReview, ReasonCodes.EpisodeReview,
                $"Day {day.EpisodeReviewDay} of monitoring: review whether to end monitoring or continue.", []));
        }

        return proposals;
    }

    /// <summary>
    /// How long the condition has held: the time on the current flow, when that is at least <paramref name="holdAtLeast"/>
    /// and every measurement with SpO2 of the last <paramref name="lookBack"/> on it (at least two) meets the condition.
    /// </summary>
    private static TimeSpan? Stable(AdviceFacts facts, DateTimeOffset now, TimeSpan holdAtLeast, TimeSpan lookBack, WeaningRules w, bool offOxygen)
    {
        // Weaning: stable on the current flow; ending: stable off oxygen.
        bool Holds(in VitalEntry r) => offOxygen
            ? r.OxygenFlow == 0 && r.Spo2 >= w.EndSpo2AtLeast
            : r.OxygenFlow == facts.OxygenFlow && r.Spo2 >= w.Spo2AtLeast && (r.RespiratoryRate ?? 0) <= w.RespiratoryRateAtMost && r.Level == Level.Green;

        var onFlow = now - facts.OxygenFlowSince;
        if (onFlow < holdAtLeast)
        {
            return null;
        }

        var from = onFlow < lookBack ? facts.OxygenFlowSince : now - lookBack;
        var history = facts.History;
        var count = 0;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var r = history.EntryAt(i);
            if (r.MeasuredAt >= from && r.MeasuredAt <= now && r.Spo2 is not null)
            {
                if (!Holds(r))
                {
                    return null;
                }

                count++;
            }
        }

        return count >= MinimumMeasurements ? now - from : null;
    }

    private static List<VitalRecord> Evidence(AdviceFacts facts, DateTimeOffset now, TimeSpan lookBack)
    {
        var evidence = new List<VitalRecord>();
        var history = facts.History;
        for (var i = 0; i < history.Count; i++)
        {
            var entry = history.EntryAt(i);
            if (entry.MeasuredAt >= now - lookBack && entry.MeasuredAt <= now)
            {
                evidence.Add(entry.ToRecord());
            }
        }

        return evidence;
    }

    private static VitalEntry? LastAtRest(VitalHistory history)
    {
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var entry = history.EntryAt(i);
            if (entry.Spo2 is not null && !entry.Exertion)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>
    /// The first instant after <paramref name="after"/> at which <see cref="Propose"/> on the same facts could propose
    /// other kinds than at <paramref name="after"/>: when a hold time or look-back ends, a measurement enters or leaves
    /// a look-back, or a review day begins (conservative: it may be earlier, never later). Until then, with facts
    /// unchanged, the rules need not run again.
    /// </summary>
    public static DateTimeOffset NextChange(AdviceFacts facts, ProtocolDocument protocol, DateTimeOffset after)
    {
        var w = protocol.Weaning;
        var day = protocol.EpisodeReview;
        var since = facts.OxygenFlowSince;
        var next = DateTimeOffset.MaxValue;
        void Consider(DateTimeOffset at)
        {
            // Both the instant and the one after it: a rule's bound may be inclusive or exclusive.
            if (at > after && at < next)
            {
                next = at;
            }

            var justAfter = at < DateTimeOffset.MaxValue ? at.AddTicks(1) : at;
            if (justAfter > after && justAfter < next)
            {
                next = justAfter;
            }
        }

        Consider(since + w.HoldAtLeast);
        Consider(since + w.LookBack);
        Consider(since + w.OffOxygenAtLeast);
        Consider(since + w.EndLookBack);
        Consider(facts.EnrolledAt.AddDays(day.ResponsibilityReviewDay));
        Consider(facts.EnrolledAt.AddDays(day.EpisodeReviewDay));
        var history = facts.History;
        for (var i = 0; i < history.Count; i++)
        {
            var at = history.EntryAt(i).MeasuredAt;
            Consider(at);
            Consider(at + w.LookBack);
            Consider(at + w.EndLookBack);
        }

        return next;
    }

    private static string Flow(double flow) => flow.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Hours(TimeSpan span) => $"{Math.Floor(span.TotalHours):0} h";
}
