using System.Reflection;
using Mediator;
using ServiceExcellence.Application.ApiKeys;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.UnitTests.Security;

/// <summary>
/// Which commands and queries only administrators may send, checked in the mediator pipeline whatever page or
/// endpoint sends them. A new message in an administration feature is administrators' unless this list changes.
/// </summary>
public sealed class AdministrationMessagesTests
{
    /// <summary>The features of the /Admin pages. Privacy (also under /Admin) checks inside its handlers — see PrivacyAccess.</summary>
    private static readonly string[] AdministrationFeatures =
        ["AlertRules", "ApiKeys", "Clients", "Email", "FailureCategories", "People", "RoutingRules", "ServiceLines", "Teams", "Webhooks"];

    private static readonly Type[] Messages = [.. typeof(CreateApiKey).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t))];

    [Fact]
    public void Every_command_and_query_of_the_administration_features_is_for_administrators_only()
    {
        var open = Messages.Where(t => AdministrationFeatures.Contains(FeatureOf(t)) && !ForAdministratorsOnly(t)).Select(NameOf);

        Assert.Empty(open);
    }

    [Fact]
    public void Each_administration_feature_still_has_its_messages()
    {
        // A renamed or moved feature would otherwise leave the test above checking nothing.
        var empty = AdministrationFeatures.Where(f => !Messages.Any(t => FeatureOf(t) == f));

        Assert.Empty(empty);
    }

    [Fact]
    public void No_message_outside_the_administration_features_is_restricted_to_administrators()
    {
        // Everything else is for every signed-in member of staff (with team scoping in the handlers), the
        // guarantee desk (GuaranteeAccess), background jobs or API keys — none of which hold the Administrator role.
        var restricted = Messages.Where(t => !AdministrationFeatures.Contains(FeatureOf(t)) && t.GetCustomAttribute<RequiresRoleAttribute>() is not null).Select(NameOf);

        Assert.Empty(restricted);
    }

    [Theory]
    [InlineData("Surveys.ExpireInvitations+Command")]
    [InlineData("Surveys.SendSurveyReminders+Command")]
    [InlineData("Alerts.EscalateOverdueAlerts+Command")]
    [InlineData("Alerts.EvaluateTrendRules+Command")]
    [InlineData("Privacy.PurgeExpiredData+Command")]
    [InlineData("Integrations.PostTransactions+Command")]
    [InlineData("Integrations.ListReferences+Clients")]
    [InlineData("Integrations.ListReferences+ServiceLines")]
    [InlineData("Integrations.ApiTransaction+Query")]
    public void Messages_sent_by_background_jobs_and_the_API_need_no_role(string name)
    {
        var message = Assert.Single(Messages, t => NameOf(t) == name);

        Assert.Null(message.GetCustomAttribute<RequiresRoleAttribute>());
    }

    private static bool ForAdministratorsOnly(Type message) =>
        message.GetCustomAttribute<RequiresRoleAttribute>()?.Roles is [StaffRole.Administrator];

    private static string FeatureOf(Type message) => message.Namespace!.Split('.').Last();

    private static string NameOf(Type message) => $"{FeatureOf(message)}.{message.FullName![(message.Namespace!.Length + 1)..]}";
}
