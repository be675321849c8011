using Microsoft.Extensions.Logging;
using Npgsql;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Organisations;

namespace ThuisMonitoring.Storage.PostgreSql.Directory;

/// <summary>Organisations and the clients of each monitoring centre in the cluster's database: one register for every host.</summary>
internal sealed class PostgresOrganisationDirectory(PostgresDatabase database, ILogger<PostgresOrganisationDirectory> logger) : IOrganisationDirectory
{
    public async Task<bool> TryAddAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("INSERT INTO organisations (organisation_id, document) VALUES (@id, @document) ON CONFLICT DO NOTHING", connection);
        command.Parameters.AddWithValue("id", organisation.Id);
        command.Parameters.Add(PostgresDocuments.Parameter("document", organisation));
        var added = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (added)
        {
            logger.LogInformation("Organisation {Organisation} added ({Kind})", organisation.Id, organisation.Kind);
        }

        return added;
    }

    public async Task<Organisation?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT document FROM organisations WHERE organisation_id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return await PostgresDocuments.ReadOneAsync<Organisation>(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>By id in byte order (<c>COLLATE "C"</c>), as the embedded store sorts, whatever the database's locale.</summary>
    public async Task<IReadOnlyList<Organisation>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT document FROM organisations ORDER BY organisation_id COLLATE \"C\"", connection);
        return await PostgresDocuments.ReadAllAsync<Organisation>(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryAddClientAsync(ServedOrganisation served, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(served);
        var added = await ExecuteAsync(
            "INSERT INTO organisation_clients (centre_id, client_id) VALUES (@centre, @client) ON CONFLICT DO NOTHING", served, cancellationToken).ConfigureAwait(false);
        if (added)
        {
            logger.LogInformation("Monitoring centre {Centre} now serves {Client}", served.Centre, served.Client);
        }

        return added;
    }

    public async Task<bool> RemoveClientAsync(ServedOrganisation served, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(served);
        var removed = await ExecuteAsync(
            "DELETE FROM organisation_clients WHERE centre_id = @centre AND client_id = @client", served, cancellationToken).ConfigureAwait(false);
        if (removed)
        {
            logger.LogInformation("Monitoring centre {Centre} no longer serves {Client}", served.Centre, served.Client);
        }

        return removed;
    }

    public async Task<IReadOnlyList<ServedOrganisation>> ListClientsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT centre_id, client_id FROM organisation_clients ORDER BY centre_id COLLATE \"C\", client_id COLLATE \"C\"", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var clients = new List<ServedOrganisation>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            clients.Add(new ServedOrganisation(reader.GetString(0), reader.GetString(1)));
        }

        return clients;
    }

    private async Task<bool> ExecuteAsync(string sql, ServedOrganisation served, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("centre", served.Centre);
        command.Parameters.AddWithValue("client", served.Client);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }
}
