using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// Writes a protocol document in the format <see cref="ProtocolDocumentReader"/> reads, e.g. to show a clinician the
/// effective protocol of a patient. Reading what was written gives the same document.
/// </summary>
public static class ProtocolDocumentWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(ProtocolDocument protocol) => ToJson(protocol).ToJsonString(Indented);

    public static JsonObject ToJson(ProtocolDocument p)
    {
        var root = new JsonObject { ["name"] = p.Name, ["version"] = p.Version };
        if (p.Layers is not null)
        {
            root["layers"] = p.Layers;
        }

        if (p.Description is not null)
        {
            root["description"] = p.Description;
        }

        root["news2"] = new JsonObject
        {
            ["respiratoryRate"] = Scoring(p.RespiratoryRate),
            ["spo2"] = Scoring(p.Spo2),
            ["heartRate"] = Scoring(p.HeartRate),
            ["temperature"] = Scoring(p.Temperature),
            ["supplementalOxygenScore"] = p.SupplementalOxygenScore,
        };
        root["escalation"] = new JsonObject
        {
            ["singleParameter"] = new JsonObject { ["orangeScore"] = p.SingleParameterOrangeScore, ["redScore"] = p.SingleParameterRedScore },
            ["aggregate"] = new JsonObject { ["orange"] = p.AggregateOrange, ["red"] = p.AggregateRed },
            ["maxHomeOxygenFlow"] = p.MaxHomeOxygenFlow,
            ["spo2Drop"] = new JsonObject
            {
                ["points"] = p.Spo2Drop.Points,
                ["baselineHours"] = (int)p.Spo2Drop.BaselineWindow.TotalHours,
                ["minimumBaselineMeasurements"] = p.Spo2Drop.MinimumBaselineMeasurements,
            },
            ["exertionalDesaturation"] = new JsonObject { ["points"] = p.ExertionalDesaturation.Points },
        };
        var c = p.Continuous;
        root["continuous"] = new JsonObject
        {
            ["artefacts"] = new JsonObject
            {
                ["minimumPerfusionIndex"] = c.Artefacts.MinimumPerfusionIndex,
                ["jumpPoints"] = c.Artefacts.JumpPoints,
                ["jumpWithinSeconds"] = (int)c.Artefacts.JumpWithin.TotalSeconds,
                ["reversalWithinSeconds"] = (int)c.Artefacts.ReversalWithin.TotalSeconds,
            },
            ["persistence"] = new JsonObject
            {
                ["spo2RedSeconds"] = (int)c.Spo2RedWindow.TotalSeconds,
                ["spo2OrangeSeconds"] = (int)c.Spo2OrangeWindow.TotalSeconds,
                ["heartRateSeconds"] = (int)c.HeartRateWindow.TotalSeconds,
                ["respiratoryRateSeconds"] = (int)c.RespiratoryRateWindow.TotalSeconds,
            },
            ["stepDownAfterMinutes"] = (int)c.StepDownAfter.TotalMinutes,
            ["deviceSilentMinutes"] = (int)c.DeviceSilentAfter.TotalMinutes,
            ["batteryLowBelowPercent"] = c.BatteryLowBelowPercent,
            ["streams"] = new JsonObject
            {
                ["gapSeconds"] = (int)c.Streams.Gap.TotalSeconds,
                ["warmUpSeconds"] = (int)c.Streams.WarmUp.TotalSeconds,
            },
        };
        var s = p.Schedule;
        root["schedule"] = new JsonObject
        {
            ["timeZone"] = s.TimeZoneId,
            ["spotChecks"] = new JsonArray([.. s.SpotChecks.Select(t => (JsonNode)Time(t))]),
            ["graceMinutes"] = (int)s.Grace.TotalMinutes,
            ["consecutiveMissesForRed"] = s.ConsecutiveMissesForRed,
            ["earlyDischarge"] = new JsonObject
            {
                ["hours"] = (int)s.EarlyDischargePeriod.TotalHours,
                ["everyHours"] = (int)s.EarlyDischargeInterval.TotalHours,
                ["awakeFrom"] = Time(s.AwakeFrom),
                ["awakeUntil"] = Time(s.AwakeUntil),
            },
        };
        var w = p.Weaning;
        root["weaning"] = new JsonObject
        {
            ["spo2AtLeast"] = w.Spo2AtLeast,
            ["respiratoryRateAtMost"] = w.RespiratoryRateAtMost,
            ["holdAtLeastHours"] = (int)w.HoldAtLeast.TotalHours,
            ["lookBackHours"] = (int)w.LookBack.TotalHours,
            ["stepLitresPerMinute"] = w.Step,
            ["remeasureAfterMinutes"] = (int)w.RemeasureAfter.TotalMinutes,
            ["lowestFlow"] = w.LowestFlow,
            ["endMonitoring"] = new JsonObject
            {
                ["spo2AtLeast"] = w.EndSpo2AtLeast,
                ["offOxygenAtLeastHours"] = (int)w.OffOxygenAtLeast.TotalHours,
                ["lookBackHours"] = (int)w.EndLookBack.TotalHours,
            },
            ["reviewWhenSpo2BelowAtMaxFlow"] = w.ReviewWhenSpo2BelowAtMaxFlow,
        };
        root["episode"] = new JsonObject
        {
            ["responsibilityReviewDay"] = p.EpisodeReview.ResponsibilityReviewDay,
            ["episodeReviewDay"] = p.EpisodeReview.EpisodeReviewDay,
        };
        var e = p.Eligibility;
        root["eligibility"] = new JsonObject
        {
            ["earlyDischarge"] = new JsonObject
            {
                ["stableHours"] = (int)e.EarlyDischarge.StableFor.TotalHours,
                ["spo2AtLeast"] = e.EarlyDischarge.Spo2AtLeast,
                ["maxOxygenFlow"] = e.EarlyDischarge.MaxOxygenFlow,
                ["respiratoryRateAtMost"] = e.EarlyDischarge.RespiratoryRateAtMost,
                ["maxOrangeEvaluations"] = e.EarlyDischarge.MaxOrangeEvaluations,
            },
            ["emergencyDepartment"] = new JsonObject
            {
                ["respiratoryRateBelow"] = e.EmergencyDepartment.RespiratoryRateBelow,
                ["spo2Above"] = e.EmergencyDepartment.Spo2Above,
                ["maxOxygenFlow"] = e.EmergencyDepartment.MaxOxygenFlow,
                ["illnessDayAfter"] = e.EmergencyDepartment.IllnessDayAfter,
            },
        };
        root["responseTimes"] = new JsonObject
        {
            ["orangeMinutes"] = (int)p.ResponseTimes.Orange.TotalMinutes,
            ["redMinutes"] = (int)p.ResponseTimes.Red.TotalMinutes,
        };
        root["calls"] = CallRulesReader.Write(p.Calls);
        root["feedback"] = new JsonObject
        {
            ["green"] = p.Feedback.Green,
            ["orange"] = p.Feedback.Orange,
            ["red"] = p.Feedback.Red,
            ["ended"] = p.Feedback.Ended,
        };
        root["exertionTest"] = new JsonObject
        {
            ["pathways"] = new JsonArray([.. p.ExertionTest.Pathways.Select(pathway => (JsonNode)Episodes.PathwayNames.ToCode(pathway))]),
            ["afterGreenAtRest"] = p.ExertionTest.AfterGreenAtRest,
        };
        return root;
    }

    private static JsonObject Scoring(VitalScoring scoring) => new()
    {
        ["bands"] = new JsonArray([.. scoring.Bands.Select(b => (JsonNode)(b.UpTo is { } upTo
            ? new JsonObject { ["upTo"] = upTo, ["score"] = b.Score }
            : new JsonObject { ["score"] = b.Score }))]),
    };

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
