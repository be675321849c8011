using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Handovers;
using ThuisMonitoring.Domain.Organisations;
using ThuisMonitoring.Storage.PostgreSql.Subscriptions;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// The registers behind staff and app actions, shared by the hosts of a cluster (as <see cref="ClusterStoreTests"/> for
/// the device, measurement and outbox stores): two store instances on one database are two hosts. What one host wrote
/// the other reads at once (no cache), and what may happen once happens once across both.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterRegisterTests(PostgresCluster cluster) : IDisposable
{
    private readonly PostgresSite _site = new(cluster);

    [Fact]
    public async Task A_pairing_code_issued_through_one_host_is_redeemed_once_through_any()
    {
        await using var host1 = await _site.OpenAsync();
        await using var host2 = await _site.OpenAsync();
        await using var host3 = await _site.OpenAsync();
        var grant = PairingCodesContract.Grant("hash-1");
        await host1.PairingCodes.AddAsync(grant, default);

        var at = Ward.MorningRound.AddMinutes(1);
        var redeemed = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => (i % 2 == 0 ? host2 : host3).PairingCodes.RedeemAsync("hash-1", at, default))));

        redeemed.Where(g => g is not null).Should().ContainSingle().Which.Should().Be(grant);
        (await host1.PairingCodes.RedeemAsync("hash-1", at, default)).Should().BeNull("the code was used through another host");
    }

    [Fact]
    public async Task An_organisation_added_through_one_host_is_seen_and_its_id_refused_by_another()
    {
        await using var host1 = await _site.OpenAsync();
        await using var host2 = await _site.OpenAsync();
        var centre = new Organisation("centrale", "Thuismonitoring Oost", OrganisationKind.MonitoringCentre, false, Ward.MorningRound);
        var practice = new Organisation("de-linde", "Huisartsen De Linde", OrganisationKind.GeneralPractice, true, Ward.MorningRound);

        (await host1.Organisations.TryAddAsync(centre, default)).Should().BeTrue();
        (await host2.Organisations.TryAddAsync(centre with { Name = "Ander" }, default)).Should().BeFalse("the id is taken on every host");
        (await host2.Organisations.TryAddAsync(practice, default)).Should().BeTrue();
        (await host1.Organisations.TryAddClientAsync(new ServedOrganisation("centrale", "de-linde"), default)).Should().BeTrue();

        (await host2.Organisations.ListAsync(default)).Should().Equal(centre, practice);
        (await host2.Organisations.ListClientsAsync(default)).Should().Equal(new ServedOrganisation("centrale", "de-linde"));
        (await host2.Organisations.RemoveClientAsync(new ServedOrganisation("centrale", "de-linde"), default)).Should().BeTrue();
        (await host1.Organisations.ListClientsAsync(default)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_handover_requested_through_one_host_is_in_the_receivers_inbox_on_another_and_its_decision_back_on_the_first()
    {
        await using var host1 = await _site.OpenAsync();
        await using var host2 = await _site.OpenAsync();
        var requested = new CareHandover("h-1", "longarts", "huisarts", "Stabiel", Ward.MorningRound);
        var record = new CareHandoverRecord("p-001", requested, """{"name":"Jan"}""");

        await host1.Handovers.SaveAsync(record, default);
        (await host2.Handovers.ListForClinicianAsync("huisarts", pendingOnly: true, default)).Should().ContainSingle().Which.Should().BeEquivalentTo(record);

        await host2.Handovers.SaveAsync(record with { Handover = requested with { Status = CareHandoverStatus.Accepted, DecidedAt = Ward.MorningRound.AddHours(1) } }, default);
        (await host1.Handovers.ListForClinicianAsync("huisarts", pendingOnly: true, default)).Should().BeEmpty();
        (await host1.Handovers.GetAsync("h-1", default))!.Handover.Status.Should().Be(CareHandoverStatus.Accepted);
    }

    [Fact]
    public async Task An_app_retired_through_one_host_is_told_so_by_another()
    {
        await using var host1 = await _site.OpenAsync();
        await using var host2 = await _site.OpenAsync();
        var app = RetiredDevicesContract.App("app-001");

        await host1.RetiredDevices.RetireAsync([app], Ward.MorningRound, default);

        (await host2.RetiredDevices.FindAsync("app-001", default)).Should().Be(app);
    }

    [Fact]
    public async Task A_subscription_registered_through_one_host_is_active_on_another_until_either_switches_it_off()
    {
        await using var host1 = await _site.OpenAsync();
        await using var host2 = await _site.OpenAsync();
        var subscription = FhirSubscriptionStoreContract.Subscription("s-1", "p-001");

        await host1.FhirSubscriptions.AddAsync(subscription, default);
        (await host2.FhirSubscriptions.ListActiveAsync(default)).Should().ContainSingle().Which.Should().BeEquivalentTo(subscription);

        (await host2.FhirSubscriptions.DeactivateAsync("s-1", default)).Should().BeTrue();
        (await host1.FhirSubscriptions.DeactivateAsync("s-1", default)).Should().BeFalse("another host switched it off");
        (await host1.FhirSubscriptions.ListActiveAsync(default)).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_hosts_delivering_FHIR_pushes_are_each_offered_different_ones()
    {
        await using var host1 = await _site.OpenAsync();
        await using var host2 = await _site.OpenAsync();
        var now = Ward.MorningRound;
        for (var i = 0; i < 40; i++)
        {
            await (i % 2 == 0 ? host1 : host2).FhirPushes.EnqueueAsync(FhirSubscriptionStoreContract.Push($"n-{i}"), default);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? host1 : host2).FhirPushes.ListDueAsync(now, 7, default)));

        claims.SelectMany(c => c).Select(p => p.Push.NotificationId).Should().HaveCount(40).And.OnlyHaveUniqueItems();
        (await host1.FhirPushes.ListDueAsync(now.AddMinutes(1), 50, default)).Should().BeEmpty("every push is claimed by the host delivering it");
    }

    [Fact]
    public async Task A_FHIR_push_claimed_by_a_host_that_died_is_delivered_by_another_once_the_claim_ran_out()
    {
        await using var host2 = await _site.OpenAsync();
        var now = Ward.MorningRound;
        await using (var host1 = await _site.OpenAsync())
        {
            await host1.FhirPushes.EnqueueAsync(FhirSubscriptionStoreContract.Push("n-1"), default);
            (await host1.FhirPushes.ListDueAsync(now, 10, default)).Should().ContainSingle();
        }

        (await host2.FhirPushes.ListDueAsync(now.AddMinutes(1), 10, default)).Should().BeEmpty("host 1's claim still holds");
        var retaken = await host2.FhirPushes.ListDueAsync(now + PostgresFhirPushOutbox.ClaimLifetime, 10, default);
        retaken.Should().ContainSingle().Which.Push.NotificationId.Should().Be("n-1");
        await host2.FhirPushes.MarkDeliveredAsync("n-1", now.AddMinutes(6), default);
        (await host2.FhirPushes.ListDueAsync(now.AddDays(1), 10, default)).Should().BeEmpty("delivered");
    }

    public void Dispose() => _site.Dispose();
}
