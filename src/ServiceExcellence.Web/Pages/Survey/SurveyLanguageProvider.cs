using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Survey;

/// <summary>
/// The language of a survey page: the one the customer picked (<c>?lang=</c>), else the language of the
/// contact behind the link. Set for the whole request so that the page, its layout and the validation
/// messages agree.
/// </summary>
public sealed partial class SurveyLanguageProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var match = SurveyPath().Match(httpContext.Request.Path.Value ?? string.Empty);
        if (!match.Success)
        {
            return null;
        }

        if (httpContext.Request.Query["lang"].FirstOrDefault() is { Length: > 0 } requested)
        {
            return new ProviderCultureResult(SurveyText.Supported(requested));
        }

        // An address that has sent too many bad links is answered 429 by the page without a lookup; so is this.
        var hash = SurveyTokens.HashOf(match.Groups["token"].Value);
        if (hash is null || httpContext.RequestServices.GetRequiredService<BadTokenThrottle>().IsBlocked(httpContext))
        {
            return null;
        }

        var db = httpContext.RequestServices.GetRequiredService<IAppDbContext>();
        var language = await (
            from t in db.SurveyLinkTokens.AsNoTracking()
            where t.Hash == hash
            join i in db.SurveyInvitations on t.InvitationId equals i.Id
            select i.Language).FirstOrDefaultAsync(httpContext.RequestAborted);
        return language is null ? null : new ProviderCultureResult(SurveyText.Supported(language));
    }

    [GeneratedRegex("^/(r|u|g)/(?<token>[^/]+)")]
    private static partial Regex SurveyPath();
}
