namespace ThuisMonitoring.Storage.PostgreSql.Directory;

/// <summary>
/// How the cluster's tables compare usernames: ASCII letters lowered, nothing else (SQLite's <c>COLLATE NOCASE</c>), so
/// both implementations agree on who is the same user.
/// </summary>
internal static class UsernameKey
{
    public static string Of(string username) =>
        string.Create(username.Length, username, static (span, name) =>
        {
            for (var i = 0; i < name.Length; i++)
            {
                span[i] = name[i] is >= 'A' and <= 'Z' ? (char)(name[i] + 32) : name[i];
            }
        });
}
