"""Each app registers the staff tools it offers; the staff workspace lists those a role may use."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class StaffTool:
    title: str
    url_name: str
    roles: frozenset[str]


_TOOLS: list[StaffTool] = []


def register_staff_tool(title, url_name: str, roles: set[str]) -> None:
    if all(tool.url_name != url_name for tool in _TOOLS):
        _TOOLS.append(StaffTool(title, url_name, frozenset(roles) | {"admin"}))


def tools_for(roles: set[str]) -> list[dict]:
    return [
        {"title": tool.title, "url": reverse(tool.url_name)}
        for tool in _TOOLS
        if tool.roles & roles
    ]
