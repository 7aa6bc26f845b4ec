using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Clients;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Lookups;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Admin.Clients;

/// <summary>Adds a client (no id in the route) or edits one.</summary>
public sealed class EditModel(IMediator mediator) : PageModel, IHasFormOptions
{
    [BindProperty]
    public SaveClient.Command Input { get; set; } = new();

    public IReadOnlyList<Option> ClientTeams { get; private set; } = [];

    public bool IsNew => RouteData.Values["id"] is null;

    public async Task OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            Input = await mediator.Send(new SaveClient.Query(existing), cancellationToken);
        }

        await LoadFormOptionsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        var saved = await mediator.Send(Input with { Id = id }, cancellationToken);
        TempData["Notice"] = id is null ? $"Client {Input.Name} added." : $"Client {Input.Name} saved.";
        return RedirectToPage("Details", new { id = saved });
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken) =>
        ClientTeams = await mediator.Send(new GetOptions.Teams(TeamKind.Client), cancellationToken);
}
