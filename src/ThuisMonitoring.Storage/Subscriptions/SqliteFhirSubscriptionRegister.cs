using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Subscriptions;

/// <summary>The durable <see cref="IFhirSubscriptionRegister"/> in the directory file.</summary>
internal sealed class SqliteFhirSubscriptionRegister : IFhirSubscriptionRegister
{
    private readonly SqliteDatabase _database;

    public SqliteFhirSubscriptionRegister(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(FhirSubscriptionSchema.Sql);
    }

    public async Task AddAsync(FhirSubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO fhir_subscriptions (subscription_id, active, document) VALUES ($id, 1, $document);";
        command.Parameters.AddWithValue("$id", subscription.SubscriptionId);
        command.Parameters.AddWithValue("$document", StoredJson.Serialize(subscription));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<FhirSubscriptionRecord?> GetAsync(string subscriptionId, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT document, active FROM fhir_subscriptions WHERE subscription_id = $id;", subscriptionId, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();

    public Task<IReadOnlyList<FhirSubscriptionRecord>> ListActiveAsync(CancellationToken cancellationToken) =>
        QueryAsync("SELECT document, active FROM fhir_subscriptions WHERE active = 1 ORDER BY subscription_id;", null, cancellationToken);

    public async Task<bool> DeactivateAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE fhir_subscriptions SET active = 0 WHERE subscription_id = $id AND active = 1;";
        command.Parameters.AddWithValue("$id", subscriptionId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<IReadOnlyList<FhirSubscriptionRecord>> QueryAsync(string sql, string? id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (id is not null)
        {
            command.Parameters.AddWithValue("$id", id);
        }

        var found = new List<FhirSubscriptionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(StoredJson.Deserialize<FhirSubscriptionRecord>(reader.GetString(0)) with { Active = reader.GetInt64(1) == 1 });
        }

        return found;
    }
}
