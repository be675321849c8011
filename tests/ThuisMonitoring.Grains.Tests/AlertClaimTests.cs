using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

/// <summary>Claims through the patient grain: stored, indexed and pushed like every other alert step.</summary>
[Collection(PatientGrainCollection.Name)]
public sealed class AlertClaimTests(PatientGrainCluster silo)
{
    [Fact]
    public async Task A_claim_is_saved_indexed_and_pushed_to_the_consoles()
    {
        var (grain, alert) = await PatientWithOpenAlertAsync("claim");
        silo.Clock.Advance(TimeSpan.FromMinutes(1));

        var claimed = await grain.Claim(alert.AlertId, "nurse.bakker");

        claimed.ClaimedBy.Should().Be("nurse.bakker");
        claimed.ClaimedAt.Should().Be(silo.Clock.GetUtcNow());
        claimed.Status.Should().Be(AlertStatus.Open);
        (await silo.AlertIndex.GetAsync(alert.AlertId, CancellationToken.None)).Should().BeEquivalentTo(claimed);
        silo.Notifier.PushedFor(alert.PatientId).Last().Should().BeEquivalentTo(claimed);
        (await grain.GetEpisode())!.Alerts.Single().ClaimedBy.Should().Be("nurse.bakker");
    }

    [Fact]
    public async Task A_second_nurse_claiming_gets_AlertTransitionException_and_the_claim_stays()
    {
        var (grain, alert) = await PatientWithOpenAlertAsync("claim-taken");
        await grain.Claim(alert.AlertId, "nurse.bakker");

        var claimAsWell = () => grain.Claim(alert.AlertId, "nurse.de.vries");

        (await claimAsWell.Should().ThrowAsync<AlertTransitionException>()).WithMessage("*nurse.bakker*");
        (await silo.AlertIndex.GetAsync(alert.AlertId, CancellationToken.None))!.ClaimedBy.Should().Be("nurse.bakker");
    }

    [Fact]
    public async Task Hand_over_then_release_is_pushed_at_each_step()
    {
        var (grain, alert) = await PatientWithOpenAlertAsync("handover");
        await grain.Claim(alert.AlertId, "nurse.bakker");

        var handedOver = await grain.HandOver(alert.AlertId, "nurse.bakker", "nurse.de.vries");
        silo.Notifier.PushedFor(alert.PatientId).Last().ClaimedBy.Should().Be("nurse.de.vries");
        var released = await grain.Unclaim(alert.AlertId, "nurse.de.vries");

        handedOver.ClaimedBy.Should().Be("nurse.de.vries");
        released.ClaimedBy.Should().BeNull();
        silo.Notifier.PushedFor(alert.PatientId).Last().Should().BeEquivalentTo(released);
        (await silo.AlertIndex.GetAsync(alert.AlertId, CancellationToken.None))!.ClaimedBy.Should().BeNull();
    }

    [Fact]
    public async Task Claiming_a_resolved_alert_throws_AlertTransitionException()
    {
        var (grain, alert) = await PatientWithOpenAlertAsync("claim-resolved");
        await grain.Resolve(alert.AlertId, "nurse.bakker", "no-action", null);

        var claim = () => grain.Claim(alert.AlertId, "nurse.de.vries");

        (await claim.Should().ThrowAsync<AlertTransitionException>()).WithMessage("*resolved*");
    }

    private async Task<(IPatientGrain Grain, Alert Alert)> PatientWithOpenAlertAsync(string purpose)
    {
        var patientId = Ward.NewPatientId(purpose);
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));
        await grain.Record([Ward.Spo2(88, silo.Clock.GetUtcNow())], DeviceKind.Oximeter);
        return (grain, (await grain.GetEpisode())!.Alerts.Single());
    }
}
