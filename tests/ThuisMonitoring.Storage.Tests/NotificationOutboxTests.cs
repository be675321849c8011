using ThuisMonitoring.Abstractions.Notifications;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>The notification outbox, for the embedded stores and for the cluster's PostgreSQL.</summary>
public abstract class NotificationOutboxContract(IStoreSite site) : StoreContract(site)
{
    protected static readonly DateTimeOffset Now = Ward.MorningRound;

    [Fact]
    public async Task An_enqueued_notification_is_due_at_once_whole()
    {
        await using var stores = await OpenAsync();
        var escalation = Escalation("n-1");

        await stores.OutboxPort.EnqueueAsync(escalation, default);

        var due = await stores.Outbox.ListDueAsync(Now, 10, default);
        due.Should().ContainSingle();
        due[0].Notification.Should().BeEquivalentTo(escalation);
        due[0].Attempts.Should().Be(0);
    }

    [Fact]
    public async Task Notifications_are_due_in_the_order_they_were_enqueued()
    {
        await using var stores = await OpenAsync();

        foreach (var id in new[] { "n-b", "n-a", "n-c" })
        {
            await stores.OutboxPort.EnqueueAsync(Escalation(id), default);
        }

        (await stores.Outbox.ListDueAsync(Now, 10, default)).Select(p => p.Notification.NotificationId).Should().Equal("n-b", "n-a", "n-c");
    }

    [Fact]
    public async Task Enqueueing_the_same_notification_again_notifies_once()
    {
        await using var stores = await OpenAsync();

        await stores.OutboxPort.EnqueueAsync(Escalation("n-1"), default);
        await stores.OutboxPort.EnqueueAsync(Escalation("n-1") with { Note = "retried grain step" }, default);

        (await stores.Outbox.ListDueAsync(Now, 10, default)).Should().ContainSingle().Which.Notification.Note.Should().Be("Graag terugbellen");
    }

    [Fact]
    public async Task A_delivered_notification_is_not_offered_again()
    {
        await using var stores = await OpenAsync();
        await stores.OutboxPort.EnqueueAsync(Escalation("n-1"), default);
        await stores.OutboxPort.EnqueueAsync(Escalation("n-2"), default);

        await stores.Outbox.MarkDeliveredAsync("n-1", Now, default);

        (await stores.Outbox.ListDueAsync(Now.AddDays(1), 10, default)).Select(p => p.Notification.NotificationId).Should().Equal("n-2");
        (await stores.Outbox.CountUndeliveredAsync(default)).Should().Be(1);
    }

    [Fact]
    public async Task A_failed_notification_waits_for_its_next_attempt_and_counts_the_failure()
    {
        await using var stores = await OpenAsync();
        await stores.OutboxPort.EnqueueAsync(Escalation("n-1"), default);

        await stores.Outbox.MarkFailedAsync("n-1", "hook exited with 3", Now.AddSeconds(30), default);

        (await stores.Outbox.ListDueAsync(Now.AddSeconds(29), 10, default)).Should().BeEmpty();
        var due = (await stores.Outbox.ListDueAsync(Now.AddSeconds(30), 10, default)).Should().ContainSingle().Subject;
        due.Attempts.Should().Be(1);
        due.LastError.Should().Be("hook exited with 3");
    }

    [Fact]
    public async Task Undelivered_notifications_survive_a_restart()
    {
        await using (var stores = await OpenAsync())
        {
            await stores.OutboxPort.EnqueueAsync(Escalation("n-1"), default);
            await stores.Outbox.MarkFailedAsync("n-1", "connection refused", Now.AddMinutes(1), default);
        }

        await using var reopened = await OpenAsync();

        var due = (await reopened.Outbox.ListDueAsync(Now.AddMinutes(1), 10, default)).Should().ContainSingle().Subject;
        due.Notification.Should().BeEquivalentTo(Escalation("n-1"));
        due.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task Enqueueing_wakes_a_waiting_deliverer()
    {
        await using var stores = await OpenAsync();
        var waiting = stores.Outbox.WaitForEnqueuedAsync(TimeSpan.FromMinutes(1), default);

        await stores.OutboxPort.EnqueueAsync(Escalation("n-1"), default);

        (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
    }

    protected static ClinicalNotification Escalation(string notificationId) =>
        new(notificationId, ClinicalNotification.Escalation, "dr.bakker", "p-001", "a-1", "urgent", ["spo2-critical", "feels-worse"],
            "nurse.jansen", "Graag terugbellen", Now);
}

public sealed class SqliteNotificationOutboxTests() : NotificationOutboxContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresNotificationOutboxTests(PostgresCluster cluster) : NotificationOutboxContract(new PostgresSite(cluster));
