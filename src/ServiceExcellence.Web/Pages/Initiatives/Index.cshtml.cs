using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Initiatives;

namespace ServiceExcellence.Web.Pages.Initiatives;

/// <summary>Improvement initiatives ranked by revenue at risk. Unreadable filter values are ignored (a hand-edited link never fails).</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ListInitiatives.StatusFilter Status { get; set; } = ListInitiatives.StatusFilter.Active;

    [BindProperty(SupportsGet = true)]
    public Guid? TeamId { get; set; }

    public ListInitiatives.Model List { get; private set; } = default!;

    public IReadOnlyList<Option> Teams { get; private set; } = [];

    public bool IsFiltered => Status != ListInitiatives.StatusFilter.Active || TeamId is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        List = await mediator.Send(new ListInitiatives.Query(Status, TeamId), cancellationToken);
        Teams = await mediator.Send(new SaveInitiative.OwnerTeams(), cancellationToken);
    }
}
