using System.Globalization;

namespace ThuisMonitoring.DeviceSimulator;

/// <summary>The command and its <c>--name value</c> options and <c>--flag</c>s.</summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.OrdinalIgnoreCase);

    private CommandArguments(string command) => Command = command;

    public string Command { get; }

    public static CommandArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new CommandArguments(args.Count > 0 ? args[0].ToLowerInvariant() : "help");
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{arg}'.");
            }

            var name = arg[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            parsed._options[name] = value;
        }

        return parsed;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public string Require(string name) =>
        Get(name) ?? throw new ArgumentException($"--{name} is required for '{Command}'.");

    public int Int(string name, int fallback) =>
        Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public int? OptionalInt(string name) =>
        Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    public double Double(string name, double fallback) =>
        Get(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A duration in seconds ("20", "2.5") or with a unit ("20s", "5m", "1h").</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        if (Get(name) is not { } text)
        {
            return fallback;
        }

        var unit = text[^1];
        var number = char.IsLetter(unit) ? text[..^1] : text;
        var value = double.Parse(number, CultureInfo.InvariantCulture);
        return unit switch
        {
            'h' => TimeSpan.FromHours(value),
            'm' => TimeSpan.FromMinutes(value),
            _ => TimeSpan.FromSeconds(value),
        };
    }

    public Uri Api() => new(Get("api") is { } api ? api.TrimEnd('/') + "/" : "http://127.0.0.1:5080/");

    /// <summary>The broker as host:port (default 127.0.0.1:1883).</summary>
    public (string Host, int Port) Mqtt() => Endpoint(Get("mqtt")?.Split(',')[0] ?? "127.0.0.1:1883");

    /// <summary><c>--mqtt host:port,host:port,...</c>: every broker of a cluster (load mode spreads its devices over them).</summary>
    public IReadOnlyList<(string Host, int Port)> MqttEndpoints() =>
        Get("mqtt") is { } text ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Endpoint).ToList() : [];

    private static (string Host, int Port) Endpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon < 0
            ? (text, 1883)
            : (text[..colon], int.Parse(text[(colon + 1)..], CultureInfo.InvariantCulture));
    }
}
