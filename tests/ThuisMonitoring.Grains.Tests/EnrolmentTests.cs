using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

[Collection(PatientGrainCollection.Name)]
public sealed class EnrolmentTests(PatientGrainCluster silo)
{
    [Fact]
    public async Task A_patient_never_enrolled_has_no_episode()
    {
        var grain = silo.Patient(Ward.NewPatientId("unknown"));

        (await grain.GetEpisode()).Should().BeNull();
    }

    [Fact]
    public async Task Record_for_a_patient_never_enrolled_throws_PatientNotEnrolledException()
    {
        var grain = silo.Patient(Ward.NewPatientId("not-enrolled"));

        var record = () => grain.Record([Ward.Spo2(88, silo.Clock.GetUtcNow())], DeviceKind.Oximeter);

        await record.Should().ThrowAsync<PatientNotEnrolledException>();
        (await grain.GetEpisode()).Should().BeNull();
    }

    [Fact]
    public async Task Enrolment_starts_monitoring_under_the_grain_key_as_patient_id()
    {
        var patientId = Ward.NewPatientId("enrol");
        var grain = silo.Patient(patientId);

        await grain.Enrol(Ward.EarlyDischarge("some-other-id", silo.Clock.GetUtcNow()));

        var episode = (await grain.GetEpisode())!;
        episode.Enrolment.PatientId.Should().Be(patientId);
        episode.State.Should().Be(EpisodeState.Monitoring);
        episode.OxygenFlow.Should().Be(Ward.HomeOxygenFlow);
        episode.Alerts.Should().BeEmpty();
    }

    [Fact]
    public async Task Enrolling_twice_is_refused_and_keeps_the_first_enrolment()
    {
        var patientId = Ward.NewPatientId("enrol-twice");
        var grain = silo.Patient(patientId);
        var first = Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow());
        await grain.Enrol(first);

        var enrolAgain = () => grain.Enrol(first with { Pathway = Pathway.GeneralPractice, OxygenFlow = 2.0 });

        await enrolAgain.Should().ThrowAsync<InvalidOperationException>().WithMessage("*already enrolled*");
        (await grain.GetEpisode())!.Enrolment.Should().Be(first);
    }
}
