using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Replay;

namespace ThuisMonitoring.Domain.Tests.Replay;

/// <summary>
/// Recorded measurements carry labels derived from what people decided (<see cref="RecordedLabels"/>): a readmission, an
/// escalation the clinician took over, an emergency referral; the replay reports sensitivity and false alerts against them.
/// </summary>
public sealed class RecordedLabelsTests
{
    private static readonly DateTimeOffset Start = new(2021, 12, 13, 8, 0, 0, TimeSpan.FromHours(1));
    private static readonly ProtocolDocument Narrow = ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json,
        """{"layer":"org:narrow","version":"1","continuous":{"persistence":{"spo2RedSeconds":30}}}""");

    // 40 minutes of a 1 Hz meter: a walk at minute 2 (SpO2 90 for 40 s), a desaturation to 88 from minute 30 on.
    private static readonly IReadOnlyList<TraceEvent> Recording =
    [
        .. Enumerable.Range(0, 40 * 60).Select(s => new TraceEvent(
            s, "meter-1", Spo2: s is >= 120 and < 160 ? 90 : s >= 1800 ? 88 : 96, HeartRate: 78, RespiratoryRate: 16, PerfusionIndex: 2.0)),
    ];

    // The live alert of the shipped protocol (its 60 s held at minute 31), escalated at 31:40 and taken over at 35:00.
    private static readonly Alert TakenOver = Alert(Start.AddSeconds(1861), Level.Red) with
    {
        Escalation = new Escalation("dr-bakker", "vpk-jansen", Start.AddSeconds(1900), null, AcceptedBy: "dr-bakker", AcceptedAt: Start.AddMinutes(35)),
    };

    [Fact]
    public void An_escalation_the_clinician_took_over_is_a_labelled_deterioration_from_the_recorded_alert_to_the_decision()
    {
        var labels = RecordedLabels.Of([TakenOver], [], Start, Start.AddHours(1), Start);

        labels.Should().ContainSingle().Which.Should().Be(new ExpectedEscalation(
            ExpectedEscalation.AnyRule, Level.Red, 1861, (35 * 60) - 1861, 1861 - (15 * 60), RecordedLabels.EscalationAccepted));
    }

    [Fact]
    public void The_replay_of_a_recording_reports_per_rule_sensitivity_and_false_alerts_against_its_labels()
    {
        var trace = Recorded(RecordedLabels.Of([TakenOver], [], Start, Start.AddHours(1), Start));

        var shipped = ProtocolReplay.Run(CovidOxygenProtocol.Default, [trace]);
        var narrow = ProtocolReplay.Run(Narrow, [trace]);

        shipped.Labelled.Should().Be(1);
        shipped.Detected.Should().Be(1);
        shipped.FalseAlerts.Should().Be(0, "the walk is shorter than the red window");
        var rule = shipped.Rules.Should().ContainSingle(r => r.Reason == ReasonCodes.Spo2Critical).Subject;
        (rule.Labelled, rule.Detected, rule.Sensitivity, rule.FalseAlerts).Should().Be((1, 1, 1.0, 0));
        rule.MedianSecondsToEscalate.Should().BeInRange(-2, 2, "the same protocol escalates when the recorded alert did");

        narrow.Detected.Should().Be(1);
        narrow.FalseAlerts.Should().Be(1, "the walk at minute 2, long before the deterioration");
        narrow.Rules.Single(r => r.Reason == ReasonCodes.Spo2Critical).MedianSecondsToEscalate.Should().BeNegative("a 30 s window escalates before the recorded alert");
    }

    [Fact]
    public void Alerts_resolved_at_home_and_escalations_nobody_took_over_are_no_labels()
    {
        var atHome = Alert(Start.AddSeconds(1861), Level.Red) with { Status = AlertStatus.Resolved, Outcome = "resolved-at-home" };
        var pending = Alert(Start.AddSeconds(1861), Level.Red) with { Escalation = new Escalation("dr-bakker", "vpk-jansen", Start.AddSeconds(1900), null) };

        RecordedLabels.Of([atHome, pending], [], Start, Start.AddHours(1), Start).Should().BeEmpty();
    }

    [Fact]
    public void A_readmission_is_detected_by_any_alert_in_the_day_before_it_and_an_emergency_referral_by_one_before_the_call()
    {
        var referral = Alert(Start.AddSeconds(1861), Level.Red) with
        {
            Calls = [new CallRecord("c1", "vpk-jansen", Start.AddMinutes(33), CallOutcome.EmergencyReferral, "112", [])],
        };
        var readmitted = new EpisodeTransition(EpisodeState.Monitoring, EpisodeState.Readmitted, "dr-bakker", "opname", Start.AddMinutes(39));

        var labels = RecordedLabels.Of([referral], [readmitted], Start, Start.AddHours(1), Start);
        var report = ProtocolReplay.Run(CovidOxygenProtocol.Default, [Recorded(labels)]);

        labels.Select(l => l.Label).Should().Equal(RecordedLabels.EmergencyReferral, RecordedLabels.Readmission);
        report.Detected.Should().Be(2);
        var readmission = report.Traces[0].Detections.Single(d => d.Expected.Label == RecordedLabels.Readmission);
        readmission.SecondsToEscalate.Should().BeInRange(-(2340 - 1861) - 2, -(2340 - 1861) + 2, "the red alert came 8 minutes before the readmission");
        RecordedLabels.Of([referral], [readmitted], Start.AddMinutes(36), Start.AddHours(1), Start).Should().ContainSingle(
            l => l.Label == RecordedLabels.Readmission, "only labels with their onset in the replayed range count");
    }

    private static LabelledTrace Recorded(IReadOnlyList<ExpectedEscalation> labels) =>
        new("patient:p-1", "recorded measurements", 0, Start, 2.0, labels, Recording);

    private static Alert Alert(DateTimeOffset raisedAt, Level level) => new(
        "a-1", "p-1", level, [ReasonCodes.Spo2Critical], [], raisedAt, raisedAt, raisedAt, null, "covid-oxygen@1", 1, AlertStatus.Open);
}
