using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ThuisMonitoring.Domain.Calls;

namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// Reads and writes the "calls" section of a protocol document: re-escalation of unclaimed alerts, retry and call-back
/// times, and the call scripts keyed by id (an object, so a layer can change one script without repeating the others).
/// </summary>
internal static partial class CallRulesReader
{
    private static readonly string[] StepKinds = [ScriptStep.Question, ScriptStep.Check];

    public static CallRules Read(DocumentFields calls, List<ProtocolError> errors)
    {
        var unclaimed = calls.Object("reEscalateUnclaimedMinutes");
        var redUnclaimed = unclaimed.Duration("red", m => TimeSpan.FromMinutes(m), 1, 24 * 60);
        var orangeUnclaimed = unclaimed.Duration("orange", m => TimeSpan.FromMinutes(m), 1, 24 * 60);
        unclaimed.RefuseUnknownFields();
        var retry = calls.Object("unreachableRetryMinutes");
        var redRetry = retry.Duration("red", m => TimeSpan.FromMinutes(m), 1, 24 * 60);
        var orangeRetry = retry.Duration("orange", m => TimeSpan.FromMinutes(m), 1, 24 * 60);
        retry.RefuseUnknownFields();
        var callBack = calls.Duration("remeasureCallBackMinutes", m => TimeSpan.FromMinutes(m), 1, 24 * 60);

        var scripts = new List<CallScript>();
        var stepsById = new Dictionary<string, (string Script, ScriptStep Step)>();
        var coveredBy = new Dictionary<string, string>();
        string? fallback = null;
        var scriptsPath = calls.PathOf("scripts");
        foreach (var (id, script) in calls.Members("scripts"))
        {
            if (!IdPattern().IsMatch(id))
            {
                errors.Add(new ProtocolError($"{scriptsPath}.{id}", "a script id must be kebab-case"));
            }

            var title = script.Text("title");
            var reasons = script.Texts("reasons");
            foreach (var reason in reasons)
            {
                if (!ReasonCodes.All.Contains(reason))
                {
                    script.Error("reasons", $"'{reason}' is not a reason code");
                }
                else if (!coveredBy.TryAdd(reason, id))
                {
                    script.Error("reasons", $"'{reason}' is already covered by script '{coveredBy[reason]}'");
                }
            }

            if (reasons.Count == 0 && script.Has("reasons"))
            {
                if (fallback is not null)
                {
                    script.Error("reasons", $"only one script may have no reasons (the fallback); '{fallback}' already has none");
                }

                fallback = id;
            }

            var steps = Steps(script, errors);
            RequireOneMeaningPerStepId(id, script, steps, stepsById);
            script.RefuseUnknownFields();
            scripts.Add(new CallScript(id, title, reasons, steps));
        }

        if (fallback is null)
        {
            errors.Add(new ProtocolError(scriptsPath, "needs one fallback script with \"reasons\": [] for reasons no other script covers"));
        }

        calls.RefuseUnknownFields();
        return new CallRules(redUnclaimed, orangeUnclaimed, redRetry, orangeRetry, callBack, scripts);
    }

    // An alert with several reasons gets several scripts; a step they share is asked once and its answer is stored by
    // step id, so one id must mean one question everywhere.
    private static void RequireOneMeaningPerStepId(
        string scriptId, DocumentFields script, List<ScriptStep> steps, Dictionary<string, (string Script, ScriptStep Step)> stepsById)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Id.Length == 0)
            {
                continue;
            }

            if (!stepsById.TryAdd(step.Id, (scriptId, step)) && stepsById[step.Id] is var (other, earlier) && earlier != step)
            {
                script.Error($"steps[{i}].id", $"'{step.Id}' means another step in script '{other}': a step id must have the same kind and text in every script");
            }
        }
    }

    private static List<ScriptStep> Steps(DocumentFields script, List<ProtocolError> errors)
    {
        var items = script.Array("steps");
        if (items.Count == 0 && script.Has("steps"))
        {
            script.Error("steps", "must have at least one step");
        }

        var steps = new List<ScriptStep>(items.Count);
        var ids = new HashSet<string>();
        foreach (var (node, path) in items)
        {
            if (node is not JsonObject stepNode)
            {
                errors.Add(new ProtocolError(path, "must be an object with id, kind and text"));
                continue;
            }

            var step = new DocumentFields(stepNode, path, errors);
            var id = step.Text("id");
            if (id.Length > 0 && !IdPattern().IsMatch(id))
            {
                step.Error("id", "must be kebab-case");
            }
            else if (id.Length > 0 && !ids.Add(id))
            {
                step.Error("id", $"'{id}' is used twice in this script");
            }

            var kind = step.Text("kind");
            if (kind.Length > 0 && !StepKinds.Contains(kind))
            {
                step.Error("kind", "must be \"question\" or \"check\"");
            }

            var text = step.Text("text");
            step.RefuseUnknownFields();
            steps.Add(new ScriptStep(id, kind, text));
        }

        return steps;
    }

    public static JsonObject Write(CallRules rules) => new()
    {
        ["reEscalateUnclaimedMinutes"] = new JsonObject
        {
            ["red"] = (int)rules.RedUnclaimed.TotalMinutes,
            ["orange"] = (int)rules.OrangeUnclaimed.TotalMinutes,
        },
        ["unreachableRetryMinutes"] = new JsonObject
        {
            ["red"] = (int)rules.RedRetry.TotalMinutes,
            ["orange"] = (int)rules.OrangeRetry.TotalMinutes,
        },
        ["remeasureCallBackMinutes"] = (int)rules.RemeasureCallBack.TotalMinutes,
        ["scripts"] = new JsonObject(rules.Scripts.Select(script => KeyValuePair.Create(script.Id, (JsonNode?)new JsonObject
        {
            ["title"] = script.Title,
            ["reasons"] = new JsonArray([.. script.Reasons.Select(r => (JsonNode)r)]),
            ["steps"] = new JsonArray([.. script.Steps.Select(step => (JsonNode)new JsonObject
            {
                ["id"] = step.Id,
                ["kind"] = step.Kind,
                ["text"] = step.Text,
            })]),
        }))),
    };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
