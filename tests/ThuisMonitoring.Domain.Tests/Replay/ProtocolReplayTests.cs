using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Replay;

namespace ThuisMonitoring.Domain.Tests.Replay;

/// <summary>The replay harness over the labelled trace library: the shipped protocol, and draft layers side by side.</summary>
public sealed class ProtocolReplayTests
{
    private static readonly IReadOnlyList<LabelledTrace> Library = TraceGenerator.Library();

    // The layers of traces/layers (the docs figures are replayed with the same files). Narrow: roughly what the old window
    // median did, an organisation's current layer that alerts on exertion. Exertion: that layer with the two windows
    // where a walk lives made longer than a walk (SpO2 red 30 -> 50 s, the 40 s dip; heart rate 45 -> 180 s, the 60 s of
    // 115/min) and still shorter than the labelled deadlines (window + 15 s: red 75 s). Wide: every window 1.5 times
    // the shipped one, the red one past that deadline.
    private static readonly ProtocolDocument Narrow = Layer("narrow-windows");
    private static readonly ProtocolDocument Exertion = Layer("exertion-windows");
    private static readonly ProtocolDocument Wide = Layer("wide-windows");

    [Fact]
    public void The_shipped_protocol_raises_no_alert_on_the_stable_traces_and_escalates_every_deterioration_in_time()
    {
        var report = ProtocolReplay.Run(CovidOxygenProtocol.Default, Library);

        report.Traces.Where(t => t.Stable).Should().OnlyContain(t => t.Alerts.Count == 0);
        report.Traces.SelectMany(t => t.Detections).Should().NotBeEmpty().And.OnlyContain(d => d.Detected);
        report.StableAlertsPerPatientDay.Should().Be(0);
        report.Detected.Should().Be(report.Labelled);
    }

    [Fact]
    public void The_same_trace_and_protocol_give_the_same_report_twice()
    {
        var first = System.Text.Json.JsonSerializer.Serialize(ProtocolReplay.Run(CovidOxygenProtocol.Default, TraceGenerator.Library()));
        var second = System.Text.Json.JsonSerializer.Serialize(ProtocolReplay.Run(CovidOxygenProtocol.Default, TraceGenerator.Library()));

        second.Should().Be(first);
    }

    [Fact]
    public void A_draft_layer_with_a_wider_window_shows_fewer_alerts_on_the_exertion_traces_and_the_same_detections_on_the_deterioration_traces()
    {
        var current = ProtocolReplay.Run(Narrow, Library);
        var draft = ProtocolReplay.Run(Exertion, Library);

        ExertionAlerts(current).Should().BeGreaterThan(0, "short crossings on exertion are what a narrow window alerts on");
        ExertionAlerts(draft).Should().BeLessThan(ExertionAlerts(current));
        InTime(current).Should().HaveCount(5, "the five deterioration traces each carry one label");
        InTime(draft).Should().Equal(InTime(current), "every deterioration still escalates, at its level, within its labelled time");
        draft.Detected.Should().Be(draft.Labelled);
        draft.ProtocolId.Should().Be("covid-oxygen@1+org:exertion-windows@1");
    }

    [Fact]
    public void A_red_window_longer_than_the_labelled_deadline_escalates_every_desaturation_but_too_late()
    {
        var wide = ProtocolReplay.Run(Wide, Library);

        Escalated(wide).Should().HaveCount(5, "a longer window delays an escalation, it does not lose it");
        InTime(wide).Should().Equal(("fever", ReasonCodes.TemperatureHigh), ("battery", ReasonCodes.BatteryLow));
        var late = wide.Traces.Where(t => t.Trace.EndsWith("desaturation", StringComparison.Ordinal)).SelectMany(t => t.Detections).ToList();
        late.Should().HaveCount(2).And.OnlyContain(d => !d.Detected && d.SecondsToEscalate > d.Expected.WithinSeconds && d.SecondsToEscalate >= 89,
            "the red window of 90 s is longer than the 60 + 15 s the label allows");
    }

    [Fact]
    public void The_report_gives_per_rule_alerts_per_patient_day_sensitivity_and_time_to_escalate()
    {
        var narrow = ProtocolReplay.Run(Narrow, Library);

        var spo2 = narrow.Rules.Should().ContainSingle(r => r.Reason == ReasonCodes.Spo2Critical).Subject;
        spo2.Labelled.Should().Be(2);
        spo2.Sensitivity.Should().Be(1.0);
        spo2.MedianSecondsToEscalate.Should().BeLessThan(60);
        spo2.FalseAlerts.Should().BeGreaterThan(0, "the exertion dips");
        spo2.AlertsPerPatientDay.Should().BeApproximately(spo2.Alerts / narrow.PatientDays, 0.01);
    }

    private static int ExertionAlerts(ReplayReport report) =>
        report.Traces.Where(t => t.Trace.StartsWith("exertion", StringComparison.Ordinal)).Sum(t => t.Alerts.Count);

    private static List<(string, string)> InTime(ReplayReport report) =>
        [.. report.Traces.SelectMany(t => t.Detections.Where(d => d.Detected).Select(d => (t.Trace, d.Expected.Reason)))];

    private static ProtocolDocument Layer(string name) =>
        ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, File.ReadAllText(Path.Combine(Repository.Directory, "traces", "layers", name + ".json")));

    private static List<(string, string)> Escalated(ReplayReport report) =>
        [.. report.Traces.SelectMany(t => t.Detections.Where(d => d.SecondsToEscalate is not null).Select(d => (t.Trace, d.Expected.Reason)))];
}
