namespace Governance.Cli.Commands;

/// <summary>`governance config set|unset|show`: the defaults for service URL, member id and key file.</summary>
internal static class ConfigCommands
{
    public static Command Create(CliHost host)
    {
        var config = new Command("config", "Show or change the config file (service URL, member id, key file).");

        var setKey = new Argument<string>("setting") { Description = $"One of: {string.Join(", ", CliConfig.Keys)}." };
        var setValue = new Argument<string>("value") { Description = "The new value (key paths are stored absolute)." };
        var set = new Command("set", "Store a setting in the config file.") { setKey, setValue };
        set.SetGovernanceAction(host, (context, _) =>
        {
            var key = context.ParseResult.GetRequiredValue(setKey);
            var updated = CliConfig.Load(context.Settings.ConfigPath).With(key, context.ParseResult.GetRequiredValue(setValue));
            updated.Save(context.Settings.ConfigPath);
            context.Output.Done($"{key} saved in {context.Settings.ConfigPath}");
            return Task.FromResult(ExitCodes.Ok);
        });

        var unsetKey = new Argument<string>("setting") { Description = $"One of: {string.Join(", ", CliConfig.Keys)}." };
        var unset = new Command("unset", "Remove a setting from the config file.") { unsetKey };
        unset.SetGovernanceAction(host, (context, _) =>
        {
            var key = context.ParseResult.GetRequiredValue(unsetKey);
            CliConfig.Load(context.Settings.ConfigPath).With(key, null).Save(context.Settings.ConfigPath);
            context.Output.Done($"{key} removed from {context.Settings.ConfigPath}");
            return Task.FromResult(ExitCodes.Ok);
        });

        var show = new Command("show", "Show the settings in effect (options over the config file).");
        show.SetGovernanceAction(host, (context, _) =>
        {
            var s = context.Settings;
            var view = new { configFile = s.ConfigPath, service = s.Service?.ToString(), member = s.Member, key = s.KeyPath, audience = s.Audience };
            context.Output.WriteDetails(view,
                ("config file", view.configFile),
                ("service", view.service ?? "(not set)"),
                ("member", view.member ?? "(not set)"),
                ("key", view.key ?? "(not set)"),
                ("audience", view.audience ?? "(the service URL)"));
            return Task.FromResult(ExitCodes.Ok);
        });

        config.Add(set);
        config.Add(unset);
        config.Add(show);
        return config;
    }
}
