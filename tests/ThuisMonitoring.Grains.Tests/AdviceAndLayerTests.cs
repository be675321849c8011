using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

[Collection(PatientGrainCollection.Name)]
public sealed class AdviceAndLayerTests(PatientGrainCluster cluster)
{
    [Fact]
    public async Task A_day_stable_on_1_litre_proposes_lowering_to_half_a_litre_which_the_clinician_accepts_and_then_prescribes()
    {
        var patientId = Ward.NewPatientId("weaning");
        var grain = cluster.Patient(patientId);
        var now = cluster.Clock.GetUtcNow();
        await grain.Enrol(Ward.EarlyDischarge(patientId, now.AddHours(-25)));

        for (var hoursAgo = 24; hoursAgo >= 0; hoursAgo -= 4)
        {
            await grain.Record([Ward.Spo2(96, now.AddHours(-hoursAgo))], DeviceKind.PatientApp);
        }

        var advice = (await grain.GetEpisode())!.Advice.Should().ContainSingle(a => a.Kind == AdviceKind.LowerOxygenFlow).Subject;
        advice.ProposedFlow.Should().Be(0.5);
        (await grain.GetEpisode())!.OxygenFlow.Should().Be(Ward.HomeOxygenFlow, "advice is never applied by itself");

        var decided = await grain.DecideAdvice(advice.AdviceId, accept: true, "dr.jansen", "agreed by phone");
        await grain.ChangeOxygenFlow(0.5, "dr.jansen");

        decided.Status.Should().Be(AdviceStatus.Accepted);
        var saved = await cluster.SavedEpisodeAsync(grain);
        saved!.Advice.Should().ContainSingle(a => a.AdviceId == advice.AdviceId).Which.DecidedBy.Should().Be("dr.jansen");
        saved.OxygenFlow.Should().Be(0.5);
    }

    [Fact]
    public async Task The_effective_protocol_names_the_organisation_layer_and_the_patient_layer_and_the_change_is_audited()
    {
        var patientId = Ward.NewPatientId("layers");
        var organisation = "huisartsen-" + Guid.NewGuid().ToString("N")[..8];
        var library = cluster.SiloServices.GetRequiredService<IProtocolLibrary>();
        await library.SaveLayerAsync(
            ProtocolScopes.Organisation(organisation),
            $$$"""{"layer":"org:{{{organisation}}}","version":"3","escalation":{"maxHomeOxygenFlow":4}}""",
            "admin",
            CancellationToken.None);
        var grain = cluster.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, cluster.Clock.GetUtcNow()) with { Organisation = organisation });

        (await grain.GetProtocol()).ProtocolId.Should().Contain($"org:{organisation}@3");
        // Lowest weaning flow 3.5 is above the default maximum home flow (3) but not above the organisation's (4).
        var id = await grain.SetProtocolLayer("""{"layer":"patient","version":"1","weaning":{"lowestFlow":3.5}}""", "dr.jansen");

        id.Should().Contain($"org:{organisation}@3").And.Contain("patient@1");
        var effective = ProtocolDocumentReader.Read((await grain.GetProtocol()).DocumentJson);
        effective.MaxHomeOxygenFlow.Should().Be(4);
        effective.Weaning.LowestFlow.Should().Be(3.5);
        var change = (await library.ChangesAsync(ProtocolScopes.Patient(patientId), 10, CancellationToken.None)).Should().ContainSingle().Subject;
        change.ChangedBy.Should().Be("dr.jansen");
        change.OldLayerJson.Should().BeNull();
    }

    [Fact]
    public async Task When_the_organisation_layer_changes_under_a_patient_layer_that_no_longer_fits_the_patient_is_evaluated_on_the_organisations_protocol()
    {
        var patientId = Ward.NewPatientId("fall-back");
        var organisation = "huisartsen-" + Guid.NewGuid().ToString("N")[..8];
        var library = cluster.SiloServices.GetRequiredService<IProtocolLibrary>();
        string Organisation(int version, int maxFlow) =>
            $$$"""{"layer":"org:{{{organisation}}}","version":"{{{version}}}","escalation":{"maxHomeOxygenFlow":{{{maxFlow}}}}}""";
        await library.SaveLayerAsync(ProtocolScopes.Organisation(organisation), Organisation(3, 4), "admin", CancellationToken.None);
        var grain = cluster.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, cluster.Clock.GetUtcNow()) with { Organisation = organisation });
        await grain.SetProtocolLayer("""{"layer":"patient","version":"1","weaning":{"lowestFlow":3.5}}""", "dr.jansen");

        // The organisation lowers its maximum home flow to 2: a lowest weaning flow of 3.5 no longer fits on top.
        await library.SaveLayerAsync(ProtocolScopes.Organisation(organisation), Organisation(4, 2), "admin", CancellationToken.None);
        cluster.Clock.Advance(TimeSpan.FromMinutes(2));

        var effective = await grain.GetProtocol();
        effective.ProtocolId.Should().EndWith($"+org:{organisation}@4", "the patient layer is skipped, the organisation layer applies");
        ProtocolDocumentReader.Read(effective.DocumentJson).MaxHomeOxygenFlow.Should().Be(2);
    }
}
