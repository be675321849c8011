using Orleans.Storage;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

/// <summary>
/// While silos join or leave a cluster, Orleans may briefly run two activations of one patient. The grain storage's
/// etag lets only one of them save; the other must not live on with stale state.
/// </summary>
[Collection(PatientGrainCollection.Name)]
public sealed class DuplicateActivationTests(PatientGrainCluster silo)
{
    [Fact]
    public async Task An_activation_whose_save_meets_a_newer_save_deactivates_and_the_next_call_works_on_the_saved_episode()
    {
        var patientId = Ward.NewPatientId("stale");
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));

        // Another activation of the same patient saves after this one read: the stored etag moves on.
        var other = new GrainState<PatientGrainState>(new PatientGrainState());
        await silo.EpisodeStorage.ReadStateAsync(PatientGrainCluster.PatientGrainStateName, grain.GetGrainId(), other);
        await silo.EpisodeStorage.WriteStateAsync(PatientGrainCluster.PatientGrainStateName, grain.GetGrainId(), other);

        var stale = () => grain.Record([Ward.Spo2(85, silo.Clock.GetUtcNow())], DeviceKind.Oximeter);
        await stale.Should().ThrowAsync<InconsistentStateException>("this activation's etag is behind the store's");

        // The stale activation went; the next call activates from the saved episode and can save again.
        silo.Clock.Advance(TimeSpan.FromMinutes(1));
        var next = Ward.Spo2(84, silo.Clock.GetUtcNow());
        await grain.Record([next], DeviceKind.Oximeter);
        (await silo.SavedEpisodeAsync(grain))!.LastMeasurement.Should().Be(next, "a red measurement is saved at once");
    }
}
