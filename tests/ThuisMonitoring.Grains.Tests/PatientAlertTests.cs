using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

[Collection(PatientGrainCollection.Name)]
public sealed class PatientAlertTests(PatientGrainCluster silo)
{
    [Fact]
    public async Task Red_spo2_raises_exactly_one_urgent_alert_indexed_and_pushed_to_the_consoles()
    {
        var patientId = Ward.NewPatientId("red-spo2");
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));
        var measurement = Ward.Spo2(88, silo.Clock.GetUtcNow());

        var feedback = await grain.Record([measurement], DeviceKind.Oximeter);

        feedback.Level.Should().Be(Level.Red);
        var alert = (await grain.GetEpisode())!.Alerts.Should().ContainSingle().Subject;
        alert.PatientId.Should().Be(patientId);
        alert.Level.Should().Be(Level.Red);
        alert.Level.ToAlertCode().Should().Be("urgent");
        alert.Status.Should().Be(AlertStatus.Open);
        alert.Reasons.Should().Contain(ReasonCodes.Spo2Critical);
        alert.Count.Should().Be(1);
        alert.RaisedAt.Should().Be(silo.Clock.GetUtcNow(), "the grain takes time from the silo's TimeProvider");
        alert.TriggeredByMessageId.Should().Be(measurement.MessageId);

        var indexed = await silo.AlertIndex.GetAsync(alert.AlertId, CancellationToken.None);
        indexed.Should().BeEquivalentTo(alert);
        silo.Notifier.PushedFor(patientId).Should().ContainSingle().Which.Should().BeEquivalentTo(alert);
    }

    [Fact]
    public async Task Green_spo2_raises_no_alert_and_pushes_nothing()
    {
        var patientId = Ward.NewPatientId("green-spo2");
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));

        var feedback = await grain.Record([Ward.Spo2(97, silo.Clock.GetUtcNow())], DeviceKind.Oximeter);

        feedback.Level.Should().Be(Level.Green);
        (await grain.GetEpisode())!.Alerts.Should().BeEmpty();
        silo.Notifier.PushedFor(patientId).Should().BeEmpty();
    }

    [Fact]
    public async Task Repeated_red_spo2_updates_the_same_alert_with_count_2_and_the_latest_findings()
    {
        var patientId = Ward.NewPatientId("repeat");
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));
        await grain.Record([Ward.Spo2(88, silo.Clock.GetUtcNow())], DeviceKind.Oximeter);
        var raised = (await grain.GetEpisode())!.Alerts.Single();
        silo.Clock.Advance(TimeSpan.FromMinutes(5));
        var repeat = Ward.Spo2(86, silo.Clock.GetUtcNow());

        await grain.Record([repeat], DeviceKind.Oximeter);

        var alert = (await grain.GetEpisode())!.Alerts.Should().ContainSingle().Subject;
        alert.AlertId.Should().Be(raised.AlertId);
        alert.Count.Should().Be(2);
        alert.RaisedAt.Should().Be(raised.RaisedAt);
        alert.UpdatedAt.Should().Be(silo.Clock.GetUtcNow());
        alert.TriggeredByMessageId.Should().Be(repeat.MessageId);
        alert.LatestFindings.Should().ContainSingle(f => f.Parameter == "spo2").Which.Value.Should().Be(86);

        var indexed = await silo.AlertIndex.GetAsync(alert.AlertId, CancellationToken.None);
        indexed.Should().BeEquivalentTo(alert);
        silo.Notifier.PushedFor(patientId).Select(a => (a.AlertId, a.Count))
            .Should().Equal((raised.AlertId, 1), (raised.AlertId, 2));
    }

    [Fact]
    public async Task Orange_then_red_spo2_escalates_the_same_alert()
    {
        var patientId = Ward.NewPatientId("escalate");
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));
        var orangeFeedback = await grain.Record([Ward.Spo2(92, silo.Clock.GetUtcNow())], DeviceKind.Oximeter);
        var warning = (await grain.GetEpisode())!.Alerts.Single();
        silo.Clock.Advance(TimeSpan.FromMinutes(10));

        var redFeedback = await grain.Record([Ward.Spo2(88, silo.Clock.GetUtcNow())], DeviceKind.Oximeter);

        orangeFeedback.Level.Should().Be(Level.Orange);
        warning.Level.ToAlertCode().Should().Be("warning");
        warning.Reasons.Should().Contain(ReasonCodes.Spo2Low);
        redFeedback.Level.Should().Be(Level.Red);
        var alert = (await grain.GetEpisode())!.Alerts.Should().ContainSingle().Subject;
        alert.AlertId.Should().Be(warning.AlertId);
        alert.Level.Should().Be(Level.Red);
        alert.Reasons.Should().Contain([ReasonCodes.Spo2Low, ReasonCodes.Spo2Critical]);
        (await silo.AlertIndex.GetAsync(alert.AlertId, CancellationToken.None))!.Level.Should().Be(Level.Red);
        silo.Notifier.PushedFor(patientId).Select(a => a.Level).Should().Equal(Level.Orange, Level.Red);
    }
}
