using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>The alert index, for the embedded stores and for the cluster's PostgreSQL.</summary>
public abstract class AlertIndexContract(IStoreSite site) : StoreContract(site)
{
    [Fact]
    public async Task An_upserted_alert_reads_back_with_its_findings()
    {
        await using var stores = await OpenAsync();
        var alert = Ward.Alert("a-1", Ward.MorningRound);

        await stores.Alerts.UpsertAsync(alert, default);

        (await stores.Alerts.GetAsync("a-1", default)).Should().BeEquivalentTo(alert, o => o.ComparingRecordsByMembers());
    }

    [Fact]
    public async Task Alerts_are_listed_newest_first_filtered_by_status_and_limited()
    {
        await using var stores = await OpenAsync();
        await stores.Alerts.UpsertAsync(Ward.Alert("a-old", Ward.MorningRound.AddHours(-2)), default);
        await stores.Alerts.UpsertAsync(Ward.Alert("a-new", Ward.MorningRound), default);
        await stores.Alerts.UpsertAsync(Ward.Alert("a-mid", Ward.MorningRound.AddHours(-1)), default);
        await stores.Alerts.UpsertAsync(Ward.Alert("a-done", Ward.MorningRound.AddMinutes(5), AlertStatus.Resolved), default);

        (await stores.Alerts.ListAsync(AlertStatus.Open, 10, default)).Select(a => a.AlertId).Should().Equal("a-new", "a-mid", "a-old");
        (await stores.Alerts.ListAsync(AlertStatus.Open, 2, default)).Select(a => a.AlertId).Should().Equal("a-new", "a-mid");
        (await stores.Alerts.ListAsync(AlertStatus.Resolved, 10, default)).Select(a => a.AlertId).Should().Equal("a-done");
        (await stores.Alerts.ListAsync(null, 10, default)).Select(a => a.AlertId).Should().Equal("a-done", "a-new", "a-mid", "a-old");
    }

    [Fact]
    public async Task An_acknowledged_alert_moves_from_the_open_list_to_the_acknowledged_list()
    {
        await using var stores = await OpenAsync();
        var alert = Ward.Alert("a-1", Ward.MorningRound);
        await stores.Alerts.UpsertAsync(alert, default);
        var acknowledgedAt = Ward.MorningRound.AddMinutes(4);

        await stores.Alerts.UpsertAsync(alert with { Status = AlertStatus.Acknowledged, AcknowledgedBy = "nurse.jansen", AcknowledgedAt = acknowledgedAt, UpdatedAt = acknowledgedAt }, default);

        (await stores.Alerts.ListAsync(AlertStatus.Open, 10, default)).Should().BeEmpty();
        (await stores.Alerts.ListAsync(AlertStatus.Acknowledged, 10, default)).Should().ContainSingle().Which.AcknowledgedBy.Should().Be("nurse.jansen");
    }

    [Fact]
    public async Task A_stale_copy_does_not_overwrite_a_newer_one()
    {
        await using var stores = await OpenAsync();
        var raised = Ward.Alert("a-1", Ward.MorningRound);
        var resolvedAt = Ward.MorningRound.AddMinutes(20);
        var resolved = raised with { Status = AlertStatus.Resolved, ResolvedBy = "nurse.jansen", ResolvedAt = resolvedAt, Outcome = "called", UpdatedAt = resolvedAt };
        await stores.Alerts.UpsertAsync(resolved, default);

        await stores.Alerts.UpsertAsync(raised with { Level = Level.Red }, default);

        (await stores.Alerts.GetAsync("a-1", default))!.Status.Should().Be(AlertStatus.Resolved);
    }

    [Fact]
    public async Task Alerts_changed_since_an_instant_are_listed_oldest_change_first_and_limited()
    {
        await using var stores = await OpenAsync();
        var raised = Ward.Alert("a-1", Ward.MorningRound.AddHours(-3));
        await stores.Alerts.UpsertAsync(raised, default);
        await stores.Alerts.UpsertAsync(Ward.Alert("a-2", Ward.MorningRound.AddMinutes(-10)), default);
        await stores.Alerts.UpsertAsync(Ward.Alert("a-3", Ward.MorningRound), default);
        var acknowledgedAt = Ward.MorningRound.AddMinutes(5);
        await stores.Alerts.UpsertAsync(raised with { Status = AlertStatus.Acknowledged, AcknowledgedBy = "nurse.jansen", AcknowledgedAt = acknowledgedAt, UpdatedAt = acknowledgedAt }, default);

        (await stores.Alerts.ListChangedSinceAsync(Ward.MorningRound.AddMinutes(-10), 10, default)).Select(a => a.AlertId).Should().Equal("a-2", "a-3", "a-1");
        (await stores.Alerts.ListChangedSinceAsync(Ward.MorningRound.AddMinutes(-10), 2, default)).Select(a => a.AlertId).Should().Equal("a-2", "a-3");
        (await stores.Alerts.ListChangedSinceAsync(Ward.MorningRound.AddMinutes(6), 10, default)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_alert_is_null()
    {
        await using var stores = await OpenAsync();

        (await stores.Alerts.GetAsync("a-404", default)).Should().BeNull();
    }
}

public sealed class SqliteAlertIndexTests() : AlertIndexContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresAlertIndexTests(PostgresCluster cluster) : AlertIndexContract(new PostgresSite(cluster));
