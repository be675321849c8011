using Orleans.Runtime;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

[Collection(PatientGrainCollection.Name)]
public sealed class ProtocolEngineTests(PatientGrainCluster cluster)
{
    private const string MaxHomeFlowFive = """{"layer":"patient","version":"1","escalation":{"maxHomeOxygenFlow":5}}""";

    [Fact]
    public async Task SetProtocolLayer_with_an_invalid_layer_is_refused_naming_the_field()
    {
        var patientId = Ward.NewPatientId("bad-layer");
        var grain = cluster.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, cluster.Clock.GetUtcNow()));

        var refused = () => grain.SetProtocolLayer("""{"layer":"patient","version":"1","escalation":{"maxHomeOxygenFlow":0}}""", "dr.jansen");

        var exception = (await refused.Should().ThrowAsync<ProtocolDocumentException>()).Which;
        exception.Message.Should().Contain("escalation.maxHomeOxygenFlow must be between 0.5 and 15");
        exception.Errors.Should().ContainSingle(e => e.Field == "escalation.maxHomeOxygenFlow", "the errors cross the grain call, not only the message");
        (await grain.GetProtocol()).ProtocolId.Should().Be(CovidOxygenProtocol.Default.Id, "a refused layer leaves the protocol as it was");
    }

    [Fact]
    public async Task Patient_layer_raising_the_maximum_home_flow_makes_spo2_93_on_3_litres_orange_instead_of_red()
    {
        var withDefault = await Spo2_93_on_three_litres_async(layer: null);
        var withLayer = await Spo2_93_on_three_litres_async(MaxHomeFlowFive);

        withDefault.Level.Should().Be(Level.Red);
        withDefault.Reasons.Should().Contain(ReasonCodes.Spo2Critical);
        withLayer.Level.Should().Be(Level.Orange);
        withLayer.Reasons.Should().Contain(ReasonCodes.Spo2Low);
    }

    private async Task<Alert> Spo2_93_on_three_litres_async(string? layer)
    {
        var patientId = Ward.NewPatientId("max-flow");
        var grain = cluster.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, cluster.Clock.GetUtcNow()));
        await grain.ChangeOxygenFlow(3.0, "dr.jansen");
        if (layer is not null)
        {
            var id = await grain.SetProtocolLayer(layer, "dr.jansen");
            id.Should().Contain("patient");
            var effective = ProtocolDocumentReader.Read((await grain.GetProtocol()).DocumentJson);
            effective.MaxHomeOxygenFlow.Should().Be(5);
        }

        await grain.Record([Ward.Spo2(93, cluster.Clock.GetUtcNow())], DeviceKind.PatientApp);
        return (await grain.GetEpisode())!.Alerts.Should().ContainSingle().Subject;
    }

    [Fact]
    public async Task After_the_episode_ended_a_red_measurement_raises_no_alert()
    {
        var patientId = Ward.NewPatientId("ended");
        var grain = cluster.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, cluster.Clock.GetUtcNow()));

        var transition = await grain.Transition(EpisodeState.Ended, "dr.jansen", "stable off oxygen");
        var feedback = await grain.Record([Ward.Spo2(85, cluster.Clock.GetUtcNow())], DeviceKind.Oximeter);

        transition.To.Should().Be(EpisodeState.Ended);
        feedback.Should().Be(PatientFeedback.EpisodeEnded);
        var episode = await grain.GetEpisode();
        episode!.State.Should().Be(EpisodeState.Ended);
        episode.Alerts.Should().BeEmpty();
        cluster.Notifier.PushedFor(patientId).Should().BeEmpty();
    }

    [Fact]
    public async Task A_transition_the_lifecycle_does_not_allow_reaches_the_caller_as_EpisodeTransitionException()
    {
        var patientId = Ward.NewPatientId("readmitted");
        var grain = cluster.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, cluster.Clock.GetUtcNow()));
        await grain.Transition(EpisodeState.Readmitted, "dr.jansen", "admitted to the ward");

        var again = () => grain.Transition(EpisodeState.Monitoring, "dr.jansen", "mistake");

        (await again.Should().ThrowAsync<EpisodeTransitionException>()).Which.Message.Should().Contain("readmitted");
    }

    [Fact]
    public async Task Battery_at_10_percent_raises_battery_low()
    {
        var patientId = Ward.NewPatientId("battery");
        var grain = cluster.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, cluster.Clock.GetUtcNow()));

        await grain.RecordDeviceStatus("oximeter-1", battery: 10, sensorOn: true);

        var alert = (await grain.GetEpisode())!.Alerts.Should().ContainSingle().Subject;
        alert.Reasons.Should().Equal(ReasonCodes.BatteryLow);
        alert.Level.Should().Be(Level.Orange);
        cluster.Notifier.PushedFor(patientId).Should().ContainSingle(a => a.AlertId == alert.AlertId);
    }

    [Fact]
    public async Task Battery_at_80_percent_raises_nothing()
    {
        var patientId = Ward.NewPatientId("battery-full");
        var grain = cluster.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, cluster.Clock.GetUtcNow()));

        await grain.RecordDeviceStatus("oximeter-1", battery: 80, sensorOn: true);

        (await grain.GetEpisode())!.Alerts.Should().BeEmpty();
    }

    [Fact]
    public async Task CheckEligibility_stores_the_result_with_the_episode()
    {
        var patientId = Ward.NewPatientId("eligibility");
        var grain = cluster.Patient(patientId);
        var now = cluster.Clock.GetUtcNow();
        await grain.Enrol(Ward.EarlyDischarge(patientId, now));
        var request = new EligibilityRequest(
            Pathway.EarlyDischarge,
            [Ward.Spo2(95, now.AddHours(-30)), Ward.Spo2(96, now.AddHours(-12)), Ward.Spo2(95, now.AddHours(-1))],
            PrescribedFlow: Ward.HomeOxygenFlow,
            AsOf: now,
            ClinicallyImproving: true,
            CanMeasureAndReport: true,
            ConcentratorAtHome: true);

        var result = await grain.CheckEligibility(request);

        result.Should().BeEquivalentTo(EligibilityCheck.Check(request, CovidOxygenProtocol.Default));
        (await grain.GetEpisode())!.Eligibility.Should().BeEquivalentTo(result);
        (await cluster.SavedEpisodeAsync(grain))!.Eligibility.Should().BeEquivalentTo(result);
    }
}
