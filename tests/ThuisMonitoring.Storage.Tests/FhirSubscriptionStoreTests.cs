using ThuisMonitoring.Abstractions.Subscriptions;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// FHIR Subscriptions and their push outbox, for the embedded file and for the cluster's PostgreSQL: registered whole,
/// switched off once, pushes queued once and offered until delivered, across a restart.
/// </summary>
public abstract class FhirSubscriptionStoreContract(IStoreSite site) : StoreContract(site)
{
    private static readonly DateTimeOffset Now = Ward.MorningRound;

    [Fact]
    public async Task A_subscription_is_kept_whole_and_switched_off_once_also_after_a_restart()
    {
        var all = Subscription("s-2", patientId: null);
        var one = Subscription("s-1", patientId: "p-001");
        await using (var stores = await OpenAsync())
        {
            await stores.FhirSubscriptions.AddAsync(all, default);
            await stores.FhirSubscriptions.AddAsync(one, default);
        }

        await using var restarted = await OpenAsync();
        (await restarted.FhirSubscriptions.GetAsync("s-1", default)).Should().BeEquivalentTo(one);
        (await restarted.FhirSubscriptions.ListActiveAsync(default)).Select(s => s.SubscriptionId).Should().Equal("s-1", "s-2");

        (await restarted.FhirSubscriptions.DeactivateAsync("s-1", default)).Should().BeTrue();
        (await restarted.FhirSubscriptions.DeactivateAsync("s-1", default)).Should().BeFalse("it is off already");
        (await restarted.FhirSubscriptions.DeactivateAsync("s-unknown", default)).Should().BeFalse();

        (await restarted.FhirSubscriptions.GetAsync("s-1", default)).Should().BeEquivalentTo(one with { Active = false });
        (await restarted.FhirSubscriptions.ListActiveAsync(default)).Select(s => s.SubscriptionId).Should().Equal("s-2");
        (await restarted.FhirSubscriptions.GetAsync("s-unknown", default)).Should().BeNull();
    }

    [Fact]
    public async Task A_push_is_queued_once_and_offered_whole_in_order_until_delivered()
    {
        await using var stores = await OpenAsync();
        await stores.FhirPushes.EnqueueAsync(Push("n-b"), default);
        await stores.FhirPushes.EnqueueAsync(Push("n-a"), default);
        await stores.FhirPushes.EnqueueAsync(Push("n-b") with { ResourceJson = "{}" }, default);

        var due = await stores.FhirPushes.ListDueAsync(Now, 10, default);
        due.Select(p => p.Push.NotificationId).Should().Equal("n-b", "n-a");
        due[0].Should().Be(new PendingFhirPush(Push("n-b"), 0));

        await stores.FhirPushes.MarkDeliveredAsync("n-b", Now, default);
        (await stores.FhirPushes.ListDueAsync(Now.AddDays(1), 10, default)).Select(p => p.Push.NotificationId).Should().Equal("n-a");
    }

    [Fact]
    public async Task A_failed_push_is_offered_again_at_its_next_attempt_with_its_attempts_counted_also_after_a_restart()
    {
        await using (var stores = await OpenAsync())
        {
            await stores.FhirPushes.EnqueueAsync(Push("n-1"), default);
            (await stores.FhirPushes.ListDueAsync(Now, 10, default)).Should().ContainSingle();
            await stores.FhirPushes.MarkFailedAsync("n-1", "HTTP 503", Now.AddMinutes(1), default);

            (await stores.FhirPushes.ListDueAsync(Now.AddSeconds(30), 10, default)).Should().BeEmpty("its next attempt is later");
        }

        await using var restarted = await OpenAsync();
        (await restarted.FhirPushes.ListDueAsync(Now.AddMinutes(1), 10, default)).Should().ContainSingle().Which.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task Erasing_a_patient_removes_their_pushes_and_the_subscriptions_to_them_alone()
    {
        await using var stores = await OpenAsync();
        await stores.FhirSubscriptions.AddAsync(Subscription("s-1", patientId: "p-001"), default);
        await stores.FhirSubscriptions.AddAsync(Subscription("s-2", patientId: null), default);
        await stores.FhirPushes.EnqueueAsync(Push("n-1"), default);
        await stores.FhirPushes.EnqueueAsync(Push("n-2", patientId: "p-002"), default);

        await PatientErasure.DirectoryOf(stores).EraseAsync("p-001", default);

        (await stores.FhirSubscriptions.ListActiveAsync(default)).Select(s => s.SubscriptionId).Should().Equal("s-2");
        (await stores.FhirPushes.ListDueAsync(Now.AddDays(1), 10, default)).Select(p => p.Push.NotificationId).Should().Equal("n-2");
    }

    internal static FhirSubscriptionRecord Subscription(string id, string? patientId) =>
        new(id, "ehr.oost", "integration", "ziekenhuis-oost", patientId is null ? "Flag?status=active" : $"Flag?patient=Patient/{patientId}",
            patientId, "https://ehr.example/fhir/hook", ["Authorization: Bearer abc"], "geheim", "Alarmen naar het EPD", Ward.MorningRound);

    internal static FhirPush Push(string notificationId, string patientId = "p-001") =>
        new(notificationId, "s-1", "Flag", $"alert-{notificationId}", patientId, """{"resourceType":"Flag","id":"a-1"}""", Ward.MorningRound);
}

public sealed class SqliteFhirSubscriptionStoreTests() : FhirSubscriptionStoreContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresFhirSubscriptionStoreTests(PostgresCluster cluster) : FhirSubscriptionStoreContract(new PostgresSite(cluster));
