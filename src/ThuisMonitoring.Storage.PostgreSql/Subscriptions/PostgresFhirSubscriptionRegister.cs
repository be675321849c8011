using Npgsql;
using ThuisMonitoring.Abstractions.Subscriptions;

namespace ThuisMonitoring.Storage.PostgreSql.Subscriptions;

/// <summary>FHIR Subscriptions in the cluster's database: registered through any host, matched by every host's Flag changes.</summary>
internal sealed class PostgresFhirSubscriptionRegister(PostgresDatabase database) : IFhirSubscriptionRegister
{
    public async Task AddAsync(FhirSubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "INSERT INTO fhir_subscriptions (subscription_id, patient_id, active, document) VALUES (@id, @patient, true, @document)", connection);
        command.Parameters.AddWithValue("id", subscription.SubscriptionId);
        command.Parameters.AddWithValue("patient", (object?)subscription.PatientId ?? DBNull.Value);
        command.Parameters.Add(PostgresDocuments.Parameter("document", subscription));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<FhirSubscriptionRecord?> GetAsync(string subscriptionId, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT document, active FROM fhir_subscriptions WHERE subscription_id = @id", subscriptionId, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();

    public Task<IReadOnlyList<FhirSubscriptionRecord>> ListActiveAsync(CancellationToken cancellationToken) =>
        QueryAsync("SELECT document, active FROM fhir_subscriptions WHERE active ORDER BY subscription_id COLLATE \"C\"", null, cancellationToken);

    public async Task<bool> DeactivateAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("UPDATE fhir_subscriptions SET active = false WHERE subscription_id = @id AND active", connection);
        command.Parameters.AddWithValue("id", subscriptionId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<IReadOnlyList<FhirSubscriptionRecord>> QueryAsync(string sql, string? id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        if (id is not null)
        {
            command.Parameters.AddWithValue("id", id);
        }

        var found = new List<FhirSubscriptionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(StoredJson.Deserialize<FhirSubscriptionRecord>(reader.GetString(0)) with { Active = reader.GetBoolean(1) });
        }

        return found;
    }
}
