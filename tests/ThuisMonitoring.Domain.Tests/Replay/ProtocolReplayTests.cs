using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Replay;

namespace ThuisMonitoring.Domain.Tests.Replay;

/// <summary>The replay harness over the labelled trace library: the shipped protocol, and draft layers side by side.</summary>
public sealed class ProtocolReplayTests
{
    private static readonly IReadOnlyList<LabelledTrace> Library = TraceGenerator.Library();

    // Narrower than shipped (roughly what the old window median did) and wider: windows only, the bands unchanged.
    private const string Narrow = """{"layer":"org:draft-narrow","version":"1","continuous":{"persistence":{"spo2RedSeconds":30,"spo2OrangeSeconds":120,"heartRateSeconds":45,"respiratoryRateSeconds":45}}}""";
    private const string Wide = """{"layer":"org:draft-wide","version":"1","continuous":{"persistence":{"spo2RedSeconds":90,"spo2OrangeSeconds":420,"heartRateSeconds":180,"respiratoryRateSeconds":180}}}""";

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
    public void A_draft_layer_with_a_wider_window_shows_fewer_alerts_on_the_exertion_traces_and_the_same_detections()
    {
        var narrow = ProtocolReplay.Run(ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, Narrow), Library);
        var wide = ProtocolReplay.Run(ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, Wide), Library);

        int ExertionAlerts(ReplayReport report) => report.Traces.Where(t => t.Trace.StartsWith("exertion", StringComparison.Ordinal)).Sum(t => t.Alerts.Count);
        ExertionAlerts(narrow).Should().BeGreaterThan(0, "short crossings on exertion are what a narrow window alerts on");
        ExertionAlerts(wide).Should().BeLessThan(ExertionAlerts(narrow));
        Escalated(wide).Should().Equal(Escalated(narrow), "every deterioration still escalates, at its level");
        wide.ProtocolId.Should().Be("covid-oxygen@1+org:draft-wide@1");
    }

    [Fact]
    public void The_report_gives_per_rule_alerts_per_patient_day_sensitivity_and_time_to_escalate()
    {
        var narrow = ProtocolReplay.Run(ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, Narrow), Library);

        var spo2 = narrow.Rules.Should().ContainSingle(r => r.Reason == ReasonCodes.Spo2Critical).Subject;
        spo2.Labelled.Should().Be(2);
        spo2.Sensitivity.Should().Be(1.0);
        spo2.MedianSecondsToEscalate.Should().BeLessThan(60);
        spo2.FalseAlerts.Should().BeGreaterThan(0, "the exertion dips");
        spo2.AlertsPerPatientDay.Should().BeApproximately(spo2.Alerts / narrow.PatientDays, 0.01);
    }

    private static List<(string, string)> Escalated(ReplayReport report) =>
        [.. report.Traces.SelectMany(t => t.Detections.Where(d => d.SecondsToEscalate is not null).Select(d => (t.Trace, d.Expected.Reason)))];
}
