namespace ThuisMonitoring.Storage.Tests;

/// <summary>What the user directory promises, for the embedded file and for the cluster's PostgreSQL.</summary>
public abstract class UserDirectoryContract(IStoreSite site) : StoreContract(site)
{

    [Fact]
    public async Task An_added_user_is_found_by_username()
    {
        await using var stores = await OpenAsync();
        var nurse = Ward.Nurse();

        (await stores.Users.TryAddAsync(nurse, default)).Should().BeTrue();

        (await stores.Users.FindAsync("nurse.jansen", default)).Should().Be(nurse);
        (await stores.Users.CountAsync(default)).Should().Be(1);
    }

    [Theory]
    [InlineData("nurse.jansen")]
    [InlineData("Nurse.Jansen")]
    public async Task A_taken_username_is_refused_whatever_its_case(string username)
    {
        await using var stores = await OpenAsync();
        await stores.Users.TryAddAsync(Ward.Nurse(), default);

        (await stores.Users.TryAddAsync(Ward.Nurse(username) with { DisplayName = "Someone else" }, default)).Should().BeFalse();

        (await stores.Users.FindAsync(username, default))!.DisplayName.Should().Be("Anna Jansen");
        (await stores.Users.CountAsync(default)).Should().Be(1);
    }

    [Fact]
    public async Task An_unknown_user_is_not_found()
    {
        await using var stores = await OpenAsync();

        (await stores.Users.FindAsync("nobody", default)).Should().BeNull();
        (await stores.Users.CountAsync(default)).Should().Be(0);
    }

    [Fact]
    public async Task A_user_is_replaced_only_as_it_was_read()
    {
        await using var stores = await OpenAsync();
        var nurse = Ward.Nurse();
        await stores.Users.TryAddAsync(nurse, default);
        var disabled = nurse.Revoked() with { Disabled = true };

        (await stores.Users.TryReplaceAsync(nurse, disabled, default)).Should().BeTrue();
        (await stores.Users.TryReplaceAsync(nurse, nurse with { DisplayName = "Stale" }, default)).Should().BeFalse("the stored user changed in between");

        var stored = await stores.Users.FindAsync("Nurse.Jansen", default);
        stored.Should().Be(disabled);
        stored!.SecurityStamp.Should().Be(1);
    }
}

public sealed class SqliteUserDirectoryTests() : UserDirectoryContract(new SqliteSite())
{
    // Documents the embedded store wrote before these fields existed (the cluster's schema is newer than them).
    [Fact]
    public async Task A_user_stored_before_stamps_and_TOTP_existed_reads_with_defaults_and_can_be_replaced()
    {
        await using var stores = await OpenAsync();
        var old = """{"username":"oud","passwordHash":"x","role":"nurse","displayName":"Oud","organisation":null,"createdAt":"2021-01-04T08:00:00+00:00"}""";
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(((SqliteSite)Site).DataDirectory, "thuismonitoring.db")}"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO users (username, document) VALUES ('oud', $document);";
            insert.Parameters.AddWithValue("$document", old);
            insert.ExecuteNonQuery();
        }

        var read = (await stores.Users.FindAsync("oud", default))!;

        read.SecurityStamp.Should().Be(0);
        read.Disabled.Should().BeFalse();
        read.Totp.Should().BeNull();
        (await stores.Users.TryReplaceAsync(read, read.Revoked(), default)).Should().BeTrue();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresUserDirectoryTests(PostgresCluster cluster) : UserDirectoryContract(new PostgresSite(cluster));
