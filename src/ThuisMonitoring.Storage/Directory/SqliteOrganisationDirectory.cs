using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Organisations;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Directory;

/// <summary>Organisations and the clients of each monitoring centre, in the directory file.</summary>
internal sealed class SqliteOrganisationDirectory : IOrganisationDirectory
{
    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteOrganisationDirectory> _logger;

    public SqliteOrganisationDirectory(SqliteDatabase database, ILogger<SqliteOrganisationDirectory> logger)
    {
        _database = database;
        _logger = logger;
        _database.EnsureSchema(DirectorySchema.Sql);
    }

    public async Task<bool> TryAddAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO organisations (organisation_id, document) VALUES ($id, $document) ON CONFLICT DO NOTHING;";
        command.Parameters.AddWithValue("$id", organisation.Id);
        command.Parameters.AddWithValue("$document", StoredJson.Serialize(organisation));
        var added = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (added)
        {
            _logger.LogInformation("Organisation {Organisation} added ({Kind})", organisation.Id, organisation.Kind);
        }

        return added;
    }

    public async Task<Organisation?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM organisations WHERE organisation_id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? StoredJson.Deserialize<Organisation>(json)
            : null;
    }

    public async Task<IReadOnlyList<Organisation>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM organisations ORDER BY organisation_id;";
        return await StoredDocuments.ReadAllAsync<Organisation>(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryAddClientAsync(ServedOrganisation served, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(served);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO organisation_clients (centre_id, client_id) VALUES ($centre, $client) ON CONFLICT DO NOTHING;";
        command.Parameters.AddWithValue("$centre", served.Centre);
        command.Parameters.AddWithValue("$client", served.Client);
        var added = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (added)
        {
            _logger.LogInformation("Monitoring centre {Centre} now serves {Client}", served.Centre, served.Client);
        }

        return added;
    }

    public async Task<bool> RemoveClientAsync(ServedOrganisation served, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(served);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM organisation_clients WHERE centre_id = $centre AND client_id = $client;";
        command.Parameters.AddWithValue("$centre", served.Centre);
        command.Parameters.AddWithValue("$client", served.Client);
        var removed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (removed)
        {
            _logger.LogInformation("Monitoring centre {Centre} no longer serves {Client}", served.Centre, served.Client);
        }

        return removed;
    }

    public async Task<IReadOnlyList<ServedOrganisation>> ListClientsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT centre_id, client_id FROM organisation_clients ORDER BY centre_id, client_id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var clients = new List<ServedOrganisation>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            clients.Add(new ServedOrganisation(reader.GetString(0), reader.GetString(1)));
        }

        return clients;
    }
}
