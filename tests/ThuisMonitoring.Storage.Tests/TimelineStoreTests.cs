using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// The append-only timeline store, for the embedded file and for the cluster's PostgreSQL: every entry kept in append
/// order (nothing cut), paged both ways, a repeated append inserts nothing, erasure removes one patient's entries.
/// </summary>
public abstract class TimelineStoreContract(IStoreSite site) : StoreContract(site)
{
    [Fact]
    public async Task Thousands_of_entries_are_kept_in_append_order_and_read_page_by_page_after_a_restart()
    {
        var entries = Enumerable.Range(0, 2_500).Select(i => Note(i)).ToList();
        await using (var stores = await OpenAsync())
        {
            foreach (var batch in entries.Chunk(500))
            {
                await Timeline(stores).AppendAsync("p-001", batch, default);
            }
        }

        await using var restarted = await OpenAsync();
        var oldestFirst = await ReadAllAsync(Timeline(restarted), "p-001", new TimelineQuery(Limit: 700));
        oldestFirst.Select(e => e.EntryId).Should().Equal(entries.Select(e => e.EntryId), "nothing is cut and the order is the append order");
        oldestFirst[1_234].Should().BeEquivalentTo(entries[1_234]);
        var newestFirst = await ReadAllAsync(Timeline(restarted), "p-001", new TimelineQuery(NewestFirst: true, Limit: 999));
        newestFirst.Select(e => e.EntryId).Should().Equal(entries.Select(e => e.EntryId).Reverse());

        var first = await Timeline(restarted).ReadAsync("p-001", new TimelineQuery(NewestFirst: true, Limit: 10), default);
        first.Entries.Select(e => e.Text).Should().Equal(Enumerable.Range(2_490, 10).Reverse().Select(i => $"note {i}"));
        first.Next.Should().Be(entries[2_490].EntryId);
        var last = await Timeline(restarted).ReadAsync("p-001", new TimelineQuery(After: entries[2_497].EntryId), default);
        last.Entries.Select(e => e.EntryId).Should().Equal(entries[2_498].EntryId, entries[2_499].EntryId);
        last.Next.Should().BeNull("the last page says so");
    }

    [Fact]
    public async Task Appending_the_same_entries_again_after_a_crash_inserts_nothing()
    {
        await using var stores = await OpenAsync();
        var entries = Enumerable.Range(0, 5).Select(i => Note(i)).ToList();
        await Timeline(stores).AppendAsync("p-001", entries[..3], default);

        // The retry carries what was stored already and what came after.
        await Timeline(stores).AppendAsync("p-001", entries, default);
        await Timeline(stores).AppendAsync("p-001", entries, default);

        (await ReadAllAsync(Timeline(stores), "p-001", new TimelineQuery()))
            .Select(e => e.EntryId).Should().Equal(entries.Select(e => e.EntryId));
    }

    [Fact]
    public async Task Entries_keep_their_details_and_are_read_by_kind_per_patient()
    {
        await using var stores = await OpenAsync();
        var oxygen = new TimelineEntry("e-oxygen", Ward.MorningRound, TimelineKinds.OxygenChanged, "dr.bakker", null, null,
            new Dictionary<string, string> { ["from"] = "2", ["to"] = "1.5" });
        var call = new TimelineEntry("e-call", Ward.MorningRound.AddMinutes(1), TimelineKinds.Call, "nurse.jansen", "a-1", "teruggebeld",
            new Dictionary<string, string> { ["outcome"] = "advice", ["answer.hermeting"] = "ja" });
        await Timeline(stores).AppendAsync("p-001", [oxygen, call, Note(1)], default);
        await Timeline(stores).AppendAsync("p-002", [Note(2)], default);

        var page = await Timeline(stores).ReadAsync("p-001", new TimelineQuery(Kinds: [TimelineKinds.OxygenChanged, TimelineKinds.Call]), default);

        page.Entries.Should().BeEquivalentTo([oxygen, call], options => options.WithStrictOrdering());
        page.Entries[0].At.Offset.Should().Be(Ward.Amsterdam, "the offset survives");
        (await Timeline(stores).ReadAsync("p-003", new TimelineQuery(), default)).Entries.Should().BeEmpty();
        (await Timeline(stores).ReadAsync("p-001", new TimelineQuery(After: "no-such-entry"), default)).Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task Erasing_a_patient_removes_their_timeline_and_no_one_elses()
    {
        await using var stores = await OpenAsync();
        await Timeline(stores).AppendAsync("p-001", [Note(1), Note(2)], default);
        await Timeline(stores).AppendAsync("p-002", [Note(3)], default);
        var erasure = stores.Services.GetServices<IPatientErasure>().Single(e => e.Store == "timeline");

        (await erasure.EraseAsync("p-001", default)).Should().Be(2);
        (await erasure.EraseAsync("p-001", default)).Should().Be(0, "erasing again removes nothing");

        (await Timeline(stores).ReadAsync("p-001", new TimelineQuery(), default)).Entries.Should().BeEmpty();
        (await Timeline(stores).ReadAsync("p-002", new TimelineQuery(), default)).Entries.Should().ContainSingle();
    }

    private static ITimelineStore Timeline(IStores stores) => stores.Services.GetRequiredService<ITimelineStore>();

    private static TimelineEntry Note(int i) =>
        new(Guid.CreateVersion7(Ward.MorningRound.AddSeconds(i)).ToString("N"), Ward.MorningRound.AddSeconds(i), TimelineKinds.Note, "nurse.jansen", null, $"note {i}");

    private static async Task<List<TimelineEntry>> ReadAllAsync(ITimelineStore store, string patientId, TimelineQuery query)
    {
        var all = new List<TimelineEntry>();
        while (true)
        {
            var page = await store.ReadAsync(patientId, query, default);
            page.Entries.Count.Should().BeLessThanOrEqualTo(query.PageSize);
            all.AddRange(page.Entries);
            if (page.Next is null)
            {
                return all;
            }

            query = query with { After = page.Next };
        }
    }
}

public sealed class SqliteTimelineStoreTests() : TimelineStoreContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresTimelineStoreTests(PostgresCluster cluster) : TimelineStoreContract(new PostgresSite(cluster));
