using Microsoft.Data.Sqlite;
using Npgsql;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Storage.Audit;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// The NEN 7513 audit trail: append-only, hash-chained, read newest first, and every tampering found; for the embedded
/// file and for the cluster's PostgreSQL.
/// </summary>
public abstract class AuditTrailContract(IStoreSite site) : StoreContract(site)
{
    [Fact]
    public async Task A_recorded_event_reads_back_whole()
    {
        await using var stores = await OpenAsync();
        var read = Read("nurse.jansen", "p-1", Ward.MorningRound) with { Organisation = null };

        await stores.AuditTrail.RecordAsync(read, default);

        var page = await stores.AuditLog.QueryAsync(new AuditQuery(), default);
        page.Records.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = 1L, Event = read });
        page.HasMore.Should().BeFalse();
    }

    [Fact]
    public async Task Records_are_read_newest_first_and_filtered_by_patient_user_and_period()
    {
        await using var stores = await OpenAsync();
        var at = Ward.MorningRound;
        await stores.AuditTrail.RecordAsync(Read("nurse.jansen", "p-1", at), default);
        await stores.AuditTrail.RecordAsync(Read("nurse.jansen", "p-2", at.AddMinutes(1)), default);
        await stores.AuditTrail.RecordAsync(Read("dr.visser", "p-1", at.AddMinutes(2)), default);
        await stores.AuditTrail.RecordAsync(Read("dr.visser", "p-2", at.AddMinutes(3)), default);

        (await Ids(stores, new AuditQuery())).Should().Equal(4, 3, 2, 1);
        (await Ids(stores, new AuditQuery(PatientId: "p-1"))).Should().Equal(3, 1);
        (await Ids(stores, new AuditQuery(Actor: "NURSE.jansen"))).Should().Equal(2, 1);
        (await Ids(stores, new AuditQuery(From: at.AddMinutes(1), To: at.AddMinutes(2)))).Should().Equal(3, 2);
        (await Ids(stores, new AuditQuery(PatientId: "p-2", Actor: "dr.visser"))).Should().Equal(4);
    }

    [Fact]
    public async Task Pages_follow_each_other_newest_first_and_say_when_an_older_page_follows()
    {
        await using var stores = await OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            await stores.AuditTrail.RecordAsync(Read("nurse.jansen", "p-1", Ward.MorningRound.AddSeconds(i)), default);
        }

        var first = await stores.AuditLog.QueryAsync(new AuditQuery(Page: 1, PageSize: 2), default);
        var second = await stores.AuditLog.QueryAsync(new AuditQuery(Page: 2, PageSize: 2), default);
        var third = await stores.AuditLog.QueryAsync(new AuditQuery(Page: 3, PageSize: 2), default);

        first.Records.Select(r => r.Id).Should().Equal(5, 4);
        first.HasMore.Should().BeTrue();
        second.Records.Select(r => r.Id).Should().Equal(3, 2);
        third.Records.Select(r => r.Id).Should().Equal(1);
        third.HasMore.Should().BeFalse();
    }

    [Fact]
    public async Task Events_recorded_at_once_and_across_a_restart_form_one_intact_chain()
    {
        await using (var stores = await OpenAsync())
        {
            await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(async () =>
                await stores.AuditTrail.RecordAsync(Read($"nurse-{i % 7}", $"p-{i % 13}", Ward.MorningRound.AddMilliseconds(i)), default))));
        }

        await using var restarted = await OpenAsync();
        await restarted.AuditTrail.RecordAsync(Read("dr.visser", "p-1", Ward.MorningRound.AddHours(1)), default);

        var verification = await restarted.AuditLog.VerifyAsync(default);
        verification.Intact.Should().BeTrue(verification.Reason);
        verification.Records.Should().Be(1001);
        var newest = (await restarted.AuditLog.QueryAsync(new AuditQuery(PageSize: 1), default)).Records.Single();
        newest.Id.Should().Be(1001);
        newest.Hash.Should().Be(verification.LastHash);
    }

    [Fact]
    public async Task A_list_answer_recorded_at_once_gives_each_patient_a_record_of_its_own_in_the_chain()
    {
        await using (var stores = await OpenAsync())
        {
            await stores.AuditTrail.RecordAsync(Read("dr.visser", "p-0", Ward.MorningRound), default);
            var listed = Enumerable.Range(1, 2500).Select(i => Read("nurse.jansen", $"p-{i}", Ward.MorningRound.AddMinutes(1))).ToList();
            // A single append interleaved with the bulk one, from another caller, while it is being written.
            var single = Task.Run(async () => await stores.AuditTrail.RecordAsync(Read("dr.visser", "p-1", Ward.MorningRound.AddMinutes(2)), default));
            await stores.AuditTrail.RecordAllAsync(listed, default);
            await single;

            // The privacy officer's question per patient: who listed p-1700, and when?
            var p1700 = await stores.AuditLog.QueryAsync(new AuditQuery(PatientId: "p-1700"), default);
            p1700.Records.Should().ContainSingle().Which.Event.Should().Be(listed[1699]);
            var byNurse = await stores.AuditLog.QueryAsync(new AuditQuery(PatientId: "p-1", Actor: "nurse.jansen"), default);
            byNurse.Records.Should().ContainSingle().Which.Event.Should().Be(listed[0]);
            (await stores.AuditLog.QueryAsync(new AuditQuery(PatientId: "p-1"), default)).Records.Should().HaveCount(2);

            // The listed patients' records are consecutive (the interleaved single one is before or after them), in the order given.
            var nurse = new List<AuditRecord>();
            for (var page = 1; ; page++)
            {
                var read = await stores.AuditLog.QueryAsync(new AuditQuery(Actor: "nurse.jansen", Page: page, PageSize: AuditQuery.MaxPageSize), default);
                nurse.AddRange(read.Records);
                if (!read.HasMore)
                {
                    break;
                }
            }

            nurse.Reverse();
            nurse.Select(r => r.Event.PatientId).Should().Equal(listed.Select(e => e.PatientId));
            nurse.Select(r => r.Id).Should().Equal(Enumerable.Range(0, 2500).Select(i => nurse[0].Id + i));
        }

        await using var restarted = await OpenAsync();
        await restarted.AuditTrail.RecordAllAsync([Read("nurse.jansen", "p-1", Ward.MorningRound.AddHours(1)), Read("nurse.jansen", "p-2", Ward.MorningRound.AddHours(1))], default);
        var verification = await restarted.AuditLog.VerifyAsync(default);
        verification.Intact.Should().BeTrue(verification.Reason);
        verification.Records.Should().Be(2504);
    }

    [Fact]
    public async Task Recording_no_events_at_once_writes_nothing_and_an_incomplete_event_is_refused_with_its_batch()
    {
        await using var stores = await OpenAsync();

        await stores.AuditTrail.RecordAllAsync([], default);
        var incomplete = async () => await stores.AuditTrail.RecordAllAsync([Read("nurse.jansen", "p-1", Ward.MorningRound), Read(" ", "p-2", Ward.MorningRound)], default);

        await incomplete.Should().ThrowAsync<ArgumentException>();
        (await stores.AuditLog.VerifyAsync(default)).Records.Should().Be(0);
    }

    protected static AuditEvent Read(string actor, string patientId, DateTimeOffset at) =>
        new(at, actor, "nurse", "ziekenhuis-a", patientId, "patient", AuditActions.Read, AuditChannels.Api, AuditPurposes.Care);

    private static async Task<IEnumerable<long>> Ids(IStores stores, AuditQuery query) =>
        (await stores.AuditLog.QueryAsync(query, default)).Records.Select(r => r.Id);
}

public sealed class SqliteAuditTrailTests() : AuditTrailContract(new SqliteSite())
{
    private string DataDirectory => ((SqliteSite)Site).DataDirectory;

    private string AuditFile => Path.Combine(DataDirectory, EmbeddedStoreOptions.AuditFileName);

    [Fact]
    public async Task The_trail_is_a_file_of_its_own()
    {
        await using var stores = await OpenAsync();

        await stores.AuditTrail.RecordAsync(Read("nurse.jansen", "p-1", Ward.MorningRound), default);

        File.Exists(AuditFile).Should().BeTrue();
    }

    [Fact]
    public async Task The_file_refuses_updates_and_deletes()
    {
        await using (var stores = await OpenAsync())
        {
            await stores.AuditTrail.RecordAsync(Read("nurse.jansen", "p-1", Ward.MorningRound), default);
        }

        var update = () => Execute("UPDATE audit_records SET actor = 'someone.else' WHERE id = 1;");
        var delete = () => Execute("DELETE FROM audit_records;");

        update.Should().Throw<SqliteException>().WithMessage("*append-only*");
        delete.Should().Throw<SqliteException>().WithMessage("*append-only*");
    }

    [Theory]
    [InlineData("UPDATE audit_records SET actor = 'someone.else' WHERE id = 3;", 3L, "changed")]
    [InlineData("UPDATE audit_records SET patient_id = NULL WHERE id = 2;", 2L, "changed")]
    [InlineData("UPDATE audit_records SET at_ticks = at_ticks + 1 WHERE id = 4;", 4L, "changed")]
    [InlineData("DELETE FROM audit_records WHERE id = 3;", 3L, "missing")]
    [InlineData("UPDATE audit_records SET previous_hash = hash WHERE id = 2;", 2L, "link")]
    public async Task Tampering_with_the_file_is_reported_at_the_first_broken_record(string tampering, long brokenId, string reason)
    {
        await using (var stores = await OpenAsync())
        {
            for (var i = 0; i < 5; i++)
            {
                await stores.AuditTrail.RecordAsync(Read("nurse.jansen", $"p-{i}", Ward.MorningRound.AddSeconds(i)), default);
            }

            (await stores.AuditLog.VerifyAsync(default)).Should().BeEquivalentTo(new { Intact = true, Records = 5L });
        }

        Execute("DROP TRIGGER audit_records_no_update; DROP TRIGGER audit_records_no_delete; " + tampering);

        var verification = await AuditTrailFile.VerifyAsync(DataDirectory, default);
        verification!.Intact.Should().BeFalse();
        verification.FirstBrokenId.Should().Be(brokenId);
        verification.Records.Should().Be(brokenId - 1);
        verification.Reason.Should().Contain(reason);
    }

    [Fact]
    public async Task Verifying_a_directory_without_an_audit_file_creates_none()
    {
        (await AuditTrailFile.VerifyAsync(DataDirectory, default)).Should().BeNull();

        File.Exists(AuditFile).Should().BeFalse();
    }

    [Fact]
    public void The_chain_hash_is_sha256_over_the_previous_hash_and_the_canonical_record()
    {
        var e = Read("nurse.jansen", "p-1", Ward.MorningRound);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(AuditChain.Genesis + AuditChain.Canonical(1, e))));

        AuditChain.Hash(AuditChain.Genesis, 1, e).Should().Be(expected);
        AuditChain.Canonical(1, e with { Actor = "a;b", Role = "c" }).Should().NotBe(AuditChain.Canonical(1, e with { Actor = "a", Role = "b;c" }));
        AuditChain.Canonical(1, e with { Organisation = null }).Should().NotBe(AuditChain.Canonical(1, e with { Organisation = "" }));
    }

    [Theory]
    [InlineData("zuster.Çelik", "p-é€", "org-ü", 60)]
    [InlineData("arts.😷", null, null, -300)]
    [InlineData("", "", "", 0)]
    public void The_chain_hash_is_computed_over_the_same_bytes_as_the_string_form_for_any_text(string actor, string? patient, string? organisation, int offsetMinutes)
    {
        var at = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromMinutes(offsetMinutes));
        var e = Read(actor, patient ?? "p-1", at) with { PatientId = patient, Organisation = organisation };
        var previous = new string('7', 64);
        foreach (var id in new[] { 1L, 9_999L, long.MaxValue })
        {
            var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(previous + AuditChain.Canonical(id, e))));

            AuditChain.Hash(previous, id, e).Should().Be(expected);
        }

        var large = e with { Actor = new string('x', 5_000) };
        AuditChain.Hash(previous, 1, large).Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(previous + AuditChain.Canonical(1, large)))), "a record larger than the stack buffer is hashed the same way");
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = AuditFile, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditTrailTests(PostgresCluster cluster) : AuditTrailContract(new PostgresSite(cluster))
{
    [Theory]
    [InlineData("UPDATE audit_records SET actor = 'someone.else' WHERE id = 1")]
    [InlineData("DELETE FROM audit_records")]
    [InlineData("TRUNCATE audit_records")]
    public async Task The_table_refuses_updates_deletes_and_truncation(string change)
    {
        await using (var stores = await OpenAsync())
        {
            await stores.AuditTrail.RecordAsync(Read("nurse.jansen", "p-1", Ward.MorningRound), default);
        }

        var act = () => ExecuteAsync(change);

        (await act.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Contain("append-only");
    }

    [Theory]
    [InlineData("UPDATE audit_records SET actor = 'someone.else' WHERE id = 3", 3L, "changed")]
    [InlineData("UPDATE audit_records SET at_ticks = at_ticks + 1 WHERE id = 4", 4L, "changed")]
    [InlineData("DELETE FROM audit_records WHERE id = 3", 3L, "missing")]
    [InlineData("UPDATE audit_records SET previous_hash = hash WHERE id = 2", 2L, "link")]
    public async Task Tampering_with_the_table_is_reported_at_the_first_broken_record(string tampering, long brokenId, string reason)
    {
        await using var stores = await OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            await stores.AuditTrail.RecordAsync(Read("nurse.jansen", $"p-{i}", Ward.MorningRound.AddSeconds(i)), default);
        }

        await ExecuteAsync("ALTER TABLE audit_records DISABLE TRIGGER USER; " + tampering);

        var verification = await stores.AuditLog.VerifyAsync(default);
        verification.Intact.Should().BeFalse();
        verification.FirstBrokenId.Should().Be(brokenId);
        verification.Records.Should().Be(brokenId - 1);
        verification.Reason.Should().Contain(reason);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await ((PostgresSite)Site).ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
