using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Lookups;
using ServiceExcellence.Application.RoutingRules;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Admin.RoutingRules;

/// <summary>
/// Adds a routing rule (no id in the route) or edits one. The value field depends on what the rule matches;
/// choosing another match reloads the page with <c>?match=</c>.
/// </summary>
public sealed class EditModel(IMediator mediator) : PageModel, IHasFormOptions
{
    [BindProperty]
    public SaveRoutingRule.Command Input { get; set; } = new();

    public IReadOnlyList<Option> Teams { get; private set; } = [];

    public SaveRoutingRule.ValueChoices Choices { get; private set; } = new([], [], []);

    public bool IsNew => RouteData.Values["id"] is null;

    public RoutingMatch Match => Input.Match ?? RoutingMatch.ServiceLine;

    public async Task OnGetAsync(Guid? id, RoutingMatch? match, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            Input = await mediator.Send(new SaveRoutingRule.Query(existing), cancellationToken);
        }

        if (match is { } chosen && Enum.IsDefined(chosen) && chosen != Input.Match)
        {
            Input = Input with { Match = chosen, Value = null };
        }

        await LoadFormOptionsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        await mediator.Send(Input with { Id = id }, cancellationToken);
        TempData["Notice"] = id is null ? "Routing rule added." : "Routing rule saved.";
        return RedirectToPage("Index");
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken)
    {
        Teams = await mediator.Send(new GetOptions.Teams(), cancellationToken);
        Choices = await mediator.Send(new SaveRoutingRule.Choices(), cancellationToken);
    }

    public static string Describe(RoutingMatch match) => match switch
    {
        RoutingMatch.ClientSegment => "Alerts about clients of a segment",
        RoutingMatch.ServiceLine => "Alerts about a service line",
        RoutingMatch.FailureCategory => "Alerts whose rating names a failure category",
        RoutingMatch.Fallback => "Fallback: alerts nothing else routed",
        _ => match.ToString(),
    };
}
