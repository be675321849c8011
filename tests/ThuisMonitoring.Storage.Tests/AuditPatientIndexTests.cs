using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Storage.Audit;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// The audit file's index by patient is derived off the request path (<see cref="AuditPatientIndex"/>): a query by
/// patient answers the same, in the same order and pages, whether its records are indexed yet or not; the mark moves
/// in the background, survives a restart, waits for the writer instead of failing; a file made with the old index on
/// <c>audit_records</c> is migrated at open.
/// </summary>
public sealed class AuditPatientIndexTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Interval = new EmbeddedStoreOptions("unused").AuditPatientIndexInterval;

    private readonly SqliteSite _site = new();
    private readonly FakeTimeProvider _time = new(Ward.MorningRound);

    private string AuditFile => Path.Combine(_site.DataDirectory, EmbeddedStoreOptions.AuditFileName);

    [Fact]
    public async Task Records_written_just_now_and_indexed_ones_read_by_patient_newest_first_and_the_mark_moves()
    {
        await using var stores = await OpenAsync();
        var index = IndexOf(stores);
        for (var i = 0; i < 6; i++)
        {
            await stores.AuditTrail.RecordAllAsync(
                [Read($"nurse-{i % 2}", "p-1", i), Read("dr.visser", "p-2", i), Read("nurse-0", "p-1", i) with { PatientId = null }], default);
        }

        index.IndexedThrough.Should().Be(0, "nothing is indexed before the first pass");
        (await ByPatientAsync(stores, "p-1")).Should().Equal(await ExpectedAsync(stores, "p-1"));

        (await PassAsync(index)).Should().Be(18);
        for (var i = 6; i < 10; i++)
        {
            await stores.AuditTrail.RecordAllAsync([Read($"nurse-{i % 2}", "p-1", i), Read("dr.visser", "p-2", i)], default);
        }

        // Records 1-18 indexed, 19-26 not yet: one answer, newest first, pages crossing the mark.
        var expected = await ExpectedAsync(stores, "p-1");
        expected.Should().HaveCount(10);
        (await ByPatientAsync(stores, "p-1")).Should().Equal(expected);
        (await ByPatientAsync(stores, "p-1", pageSize: 3)).Should().Equal(expected, "pages follow each other across the mark");
        (await ByPatientAsync(stores, "p-1", actor: "NURSE-1")).Should().Equal(await ExpectedAsync(stores, "p-1", actor: "nurse-1"));
        var from = Ward.MorningRound.AddMinutes(4);
        var to = Ward.MorningRound.AddMinutes(7);
        (await ByPatientAsync(stores, "p-1", from: from, to: to)).Should().Equal(await ExpectedAsync(stores, "p-1", from: from, to: to));
        (await ByPatientAsync(stores, "p-3")).Should().BeEmpty();

        (await PassAsync(index)).Should().Be(26);
        (await ByPatientAsync(stores, "p-1", pageSize: 3)).Should().Equal(expected);
        (await ByPatientAsync(stores, "p-2")).Should().Equal(await ExpectedAsync(stores, "p-2"));
        IndexedPairs().Should().Be(20, "records without a patient are not in the index");
        (await stores.AuditLog.VerifyAsync(default)).Should().BeEquivalentTo(new { Intact = true, Records = 26L });
    }

    [Fact]
    public async Task A_pass_with_nothing_new_leaves_the_mark_and_the_index_as_they_are()
    {
        await using var stores = await OpenAsync();
        var index = IndexOf(stores);
        await stores.AuditTrail.RecordAsync(Read("nurse-0", "p-1", 0), default);
        (await PassAsync(index)).Should().Be(1);

        (await PassAsync(index)).Should().Be(1);

        IndexedPairs().Should().Be(1);
    }

    [Fact]
    public async Task After_a_restart_the_index_goes_on_from_its_mark()
    {
        await using (var stores = await OpenAsync())
        {
            await stores.AuditTrail.RecordAllAsync([Read("nurse-0", "p-1", 0), Read("nurse-0", "p-2", 0)], default);
            (await PassAsync(IndexOf(stores))).Should().Be(2);
            // Written and not indexed before the shutdown.
            await stores.AuditTrail.RecordAllAsync([Read("nurse-1", "p-1", 1), Read("nurse-1", "p-2", 1)], default);
        }

        await using var restarted = await OpenAsync();
        var index = IndexOf(restarted);
        index.IndexedThrough.Should().Be(2);
        await restarted.AuditTrail.RecordAsync(Read("nurse-0", "p-1", 2), default);
        (await ByPatientAsync(restarted, "p-1")).Should().Equal(5, 3, 1);

        (await PassAsync(index)).Should().Be(5);

        (await ByPatientAsync(restarted, "p-1")).Should().Equal(5, 3, 1);
        IndexedPairs().Should().Be(5);
        (await restarted.AuditLog.VerifyAsync(default)).Should().BeEquivalentTo(new { Intact = true, Records = 5L });
    }

    [Fact]
    public async Task A_pass_waits_for_another_write_transaction_on_the_file_instead_of_failing()
    {
        await using var stores = await OpenAsync();
        var index = IndexOf(stores);
        await stores.AuditTrail.RecordAsync(Read("nurse-0", "p-1", 0), default);
        using var other = Connection();
        // BEGIN IMMEDIATE: the file's write lock, as the trail's writer holds it during a batch.
        using var transaction = other.BeginTransaction();

        var pass = index.NextPassAsync();
        _time.Advance(Interval);
        var finishedWhileLocked = await Task.WhenAny(pass, Task.Delay(TimeSpan.FromMilliseconds(500))) == pass;
        transaction.Commit();

        finishedWhileLocked.Should().BeFalse("the pass waits for the write lock");
        (await pass.WaitAsync(Patience)).Should().Be(1);
        (await ByPatientAsync(stores, "p-1")).Should().Equal(1);
    }

    [Fact]
    public async Task A_pass_writes_a_few_patients_per_transaction_and_pairs_above_the_mark_are_not_read_twice()
    {
        await using var stores = await OpenAsync();
        var events = Enumerable.Range(0, 12).Select(i => Read("nurse-0", $"p-{i % 5}", i)).ToList();
        await stores.AuditTrail.RecordAllAsync(events, default);
        var expected = await ExpectedAsync(stores, "p-3");
        using var database = new SqliteDatabase(AuditFile);
        await using var index = new AuditPatientIndex(database, TimeSpan.FromDays(1), TimeProvider.System, () => { }, NullLogger.Instance, patientsPerTransaction: 2);
        using var connection = database.Open();

        // A pass cut short: pairs above the mark are in the index, the mark has not moved.
        Execute(connection, "INSERT INTO audit_patient_index (patient_id, id) SELECT patient_id, id FROM audit_records WHERE patient_id IN ('p-0', 'p-3');");
        (await ByPatientAsync(stores, "p-3")).Should().Equal(expected, "the index is read up to the mark only");

        (await index.IndexPassAsync(connection, default)).Should().Be(12);

        Scalar("SELECT indexed_through FROM audit_patient_index_mark;").Should().Be(12);
        IndexedPairs().Should().Be(12);
        (await ByPatientAsync(stores, "p-3")).Should().Equal(expected);
        (await index.IndexPassAsync(connection, default)).Should().Be(0, "nothing is new");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" AND r.actor = $actor COLLATE NOCASE AND r.at_ticks >= $from AND r.at_ticks <= $to")]
    public async Task A_query_by_patient_seeks_the_index_and_the_tail_and_merges_them_without_sorting(string filters)
    {
        await using var stores = await OpenAsync();
        await stores.AuditTrail.RecordAsync(Read("nurse-0", "p-1", 0), default);
        using var connection = Connection();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteAuditTrail.ByPatientSql(filters);
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        plan.Should().Contain(step => step.StartsWith("SEARCH r USING INTEGER PRIMARY KEY (rowid>?)", StringComparison.Ordinal), "the tail is read from the mark on");
        plan.Should().Contain(step => step.StartsWith("SEARCH i USING PRIMARY KEY (patient_id=?", StringComparison.Ordinal), "the index is read for the one patient");
        plan.Should().NotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal), "both halves come out newest first");
        plan.Should().NotContain(step => step.StartsWith("SCAN r", StringComparison.Ordinal), "the trail is never scanned whole");
    }

    [Fact]
    public async Task The_index_refuses_updates_and_deletes_and_its_mark_only_moves_forward()
    {
        await using (var stores = await OpenAsync())
        {
            await stores.AuditTrail.RecordAsync(Read("nurse-0", "p-1", 0), default);
            (await PassAsync(IndexOf(stores))).Should().Be(1);
        }

        var update = () => ExecuteOnFile("UPDATE audit_patient_index SET patient_id = 'p-2';");
        var delete = () => ExecuteOnFile("DELETE FROM audit_patient_index;");
        var back = () => ExecuteOnFile("UPDATE audit_patient_index_mark SET indexed_through = 0;");
        var forget = () => ExecuteOnFile("DELETE FROM audit_patient_index_mark;");

        update.Should().Throw<SqliteException>().WithMessage("*append-only*");
        delete.Should().Throw<SqliteException>().WithMessage("*append-only*");
        back.Should().Throw<SqliteException>().WithMessage("*only moves forward*");
        forget.Should().Throw<SqliteException>().WithMessage("*kept*");
    }

    [Fact]
    public async Task A_file_made_with_the_index_on_the_records_is_indexed_from_it_at_open_and_the_old_index_dropped()
    {
        // The schema as it was, with a valid chain of 40 records (4 without a patient).
        var events = Enumerable.Range(0, 40)
            .Select(i => Read($"nurse-{i % 3}", $"p-{i % 4}", i) with { PatientId = i % 10 == 9 ? null : $"p-{i % 4}" })
            .ToList();
        WriteOldFile(events);

        await using var stores = await OpenAsync();

        Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_audit_records_patient';").Should().Be(0);
        Scalar("SELECT indexed_through FROM audit_patient_index_mark;").Should().Be(40);
        IndexOf(stores).IndexedThrough.Should().Be(40);
        IndexedPairs().Should().Be(36);
        (await ByPatientAsync(stores, "p-1")).Should().Equal(await ExpectedAsync(stores, "p-1")).And.HaveCount(8);
        (await ByPatientAsync(stores, "p-1", pageSize: 4)).Should().Equal(await ExpectedAsync(stores, "p-1"));
        var verification = await stores.AuditLog.VerifyAsync(default);
        verification.Should().BeEquivalentTo(new { Intact = true, Records = 40L });

        // The chain goes on from the old file's tail; the new record is read by patient before and after its pass.
        await stores.AuditTrail.RecordAsync(Read("dr.visser", "p-1", 41), default);
        (await ByPatientAsync(stores, "p-1")).First().Should().Be(41);
        (await PassAsync(IndexOf(stores))).Should().Be(41);
        (await ByPatientAsync(stores, "p-1")).Should().Equal(await ExpectedAsync(stores, "p-1")).And.HaveCount(9);
        (await stores.AuditLog.VerifyAsync(default)).Should().BeEquivalentTo(new { Intact = true, Records = 41L });
    }

    [Fact]
    public async Task An_old_index_made_again_by_an_older_host_is_dropped_and_what_it_wrote_is_indexed()
    {
        await using (var stores = await OpenAsync())
        {
            await stores.AuditTrail.RecordAsync(Read("nurse-0", "p-1", 0), default);
            (await PassAsync(IndexOf(stores))).Should().Be(1);
        }

        // An older host on the same file: makes its index again and appends a record (chained).
        var head = Single("SELECT hash FROM audit_records WHERE id = 1;");
        var older = Read("nurse-1", "p-1", 1);
        ExecuteOnFile("CREATE INDEX ix_audit_records_patient ON audit_records (patient_id, id);");
        InsertRecord(2, older, head);

        await using var reopened = await OpenAsync();

        Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_audit_records_patient';").Should().Be(0);
        (await ByPatientAsync(reopened, "p-1")).Should().Equal(2, 1);
        (await PassAsync(IndexOf(reopened))).Should().Be(2);
        (await ByPatientAsync(reopened, "p-1")).Should().Equal(2, 1);
        (await reopened.AuditLog.VerifyAsync(default)).Should().BeEquivalentTo(new { Intact = true, Records = 2L });
    }

    public void Dispose() => _site.Dispose();

    private Task<IStores> OpenAsync() => _site.OpenAsync(new StoreTuning(Time: _time));

    private static AuditPatientIndex IndexOf(IStores stores) =>
        ((EmbeddedStores)stores).Services.GetRequiredService<SqliteAuditTrail>().PatientIndex;

    /// <summary>One pass of the background loop, made to tick by the test clock; the mark after it.</summary>
    private async Task<long> PassAsync(AuditPatientIndex index)
    {
        var pass = index.NextPassAsync();
        _time.Advance(Interval);
        return await pass.WaitAsync(Patience);
    }

    private static AuditEvent Read(string actor, string patientId, int minute) =>
        new(Ward.MorningRound.AddMinutes(minute), actor, "nurse", "ziekenhuis-a", patientId, "patient", AuditActions.Read, AuditChannels.Api, AuditPurposes.Care);

    /// <summary>The ids a query by patient answers, all pages of <paramref name="pageSize"/> in a row.</summary>
    private static async Task<List<long>> ByPatientAsync(
        IStores stores, string patientId, int pageSize = 50, string? actor = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var ids = new List<long>();
        for (var page = 1; ; page++)
        {
            var read = await stores.AuditLog.QueryAsync(new AuditQuery(patientId, actor, from, to, page, pageSize), default);
            read.Records.Where(r => r.Event.PatientId != patientId).Should().BeEmpty();
            ids.AddRange(read.Records.Select(r => r.Id));
            if (!read.HasMore)
            {
                return ids;
            }
        }
    }

    /// <summary>What the answer by patient must be: the whole trail newest first (no patient index used), filtered here.</summary>
    private static async Task<List<long>> ExpectedAsync(
        IStores stores, string patientId, string? actor = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var all = await stores.AuditLog.QueryAsync(new AuditQuery(Actor: actor, From: from, To: to, PageSize: AuditQuery.MaxPageSize), default);
        all.HasMore.Should().BeFalse();
        return all.Records.Where(r => r.Event.PatientId == patientId).Select(r => r.Id).ToList();
    }

    private long IndexedPairs() => Scalar("SELECT count(*) FROM audit_patient_index;");

    private void WriteOldFile(IReadOnlyList<AuditEvent> events)
    {
        ExecuteOnFile("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE audit_records (
                id                INTEGER NOT NULL PRIMARY KEY,
                at_ticks          INTEGER NOT NULL,
                at_offset_minutes INTEGER NOT NULL,
                actor             TEXT NOT NULL,
                role              TEXT NOT NULL,
                organisation      TEXT NULL,
                patient_id        TEXT NULL,
                resource          TEXT NOT NULL,
                action            TEXT NOT NULL,
                channel           TEXT NOT NULL,
                purpose           TEXT NOT NULL,
                previous_hash     TEXT NOT NULL,
                hash              TEXT NOT NULL
            );
            CREATE INDEX ix_audit_records_patient ON audit_records (patient_id, id);
            CREATE INDEX ix_audit_records_actor ON audit_records (actor COLLATE NOCASE, id);
            CREATE INDEX ix_audit_records_at ON audit_records (at_ticks);
            CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
            BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
            CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
            BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
            """);
        var previous = AuditChain.Genesis;
        for (var i = 0; i < events.Count; i++)
        {
            previous = InsertRecord(i + 1, events[i], previous);
        }
    }

    /// <summary>Appends a chained record as the writer would; its hash.</summary>
    private string InsertRecord(long id, AuditEvent e, string previous)
    {
        var hash = AuditChain.Hash(previous, id, e);
        using var connection = Connection();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO audit_records ({AuditSchema.Columns}) VALUES ($id, $ticks, $offset, $actor, $role, $organisation, $patient, $resource, $action, $channel, $purpose, $previous, $hash);";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$ticks", SqliteValues.Ticks(e.At));
        command.Parameters.AddWithValue("$offset", SqliteValues.OffsetMinutes(e.At));
        command.Parameters.AddWithValue("$actor", e.Actor);
        command.Parameters.AddWithValue("$role", e.Role);
        command.Parameters.AddWithValue("$organisation", (object?)e.Organisation ?? DBNull.Value);
        command.Parameters.AddWithValue("$patient", (object?)e.PatientId ?? DBNull.Value);
        command.Parameters.AddWithValue("$resource", e.Resource);
        command.Parameters.AddWithValue("$action", e.Action);
        command.Parameters.AddWithValue("$channel", e.Channel);
        command.Parameters.AddWithValue("$purpose", e.Purpose);
        command.Parameters.AddWithValue("$previous", previous);
        command.Parameters.AddWithValue("$hash", hash);
        command.ExecuteNonQuery();
        return hash;
    }

    private SqliteConnection Connection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = AuditFile, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private void ExecuteOnFile(string sql)
    {
        using var connection = Connection();
        Execute(connection, sql);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql) => Convert.ToInt64(Single(sql), System.Globalization.CultureInfo.InvariantCulture);

    private string Single(string sql)
    {
        using var connection = Connection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
