"""Dependencies shared by the routers: the settings and the database driver."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from neo4j import AsyncDriver

from actorgraph.settings import Settings, get_settings


def get_driver(request: Request) -> AsyncDriver:
    driver: AsyncDriver = request.app.state.driver
    return driver


SettingsDep = Annotated[Settings, Depends(get_settings)]
DriverDep = Annotated[AsyncDriver, Depends(get_driver)]
