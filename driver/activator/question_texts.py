"""The 96 questions of the self-assessment, written out whole so each translates as one sentence.

One tuple per area, in the order of ``DIMENSIONS`` (strategy, data, technology,
operations, engagement, outcomes). The texts are marked with ``N_`` and
translated where they are shown; the API serves them in English.
"""

from __future__ import annotations

from driver.i18n import N_

QUESTION_TEXTS: dict[str, tuple[str, str, str, str, str, str]] = {
    "agriculture": (
        N_(
            "Has the city set a strategy for urban and peri-urban agriculture and the food "
            "supply, with a lead unit and a budget?"
        ),
        N_("Does the city collect and use soil, crop, market-price and food-supply data?"),
        N_(
            "Does the city use technology for urban and peri-urban agriculture and the food "
            "supply, such as field sensors, precision irrigation or farm-management platforms?"
        ),
        N_(
            "Are advisory services for farmers and the running of food markets run with digital "
            "tools and data?"
        ),
        N_(
            "Are farmers, co-operatives and food businesses involved in the city's work on urban "
            "and peri-urban agriculture and the food supply?"
        ),
        N_(
            "Does the city measure the results of its work on urban and peri-urban agriculture "
            "and the food supply, such as yields, water used per crop and local food prices?"
        ),
    ),
    "civic-engagement": (
        N_(
            "Has the city set a strategy for citizen participation in the city's decisions, with "
            "a lead unit and a budget?"
        ),
        N_(
            "Does the city collect and use records of consultations, petitions and participatory-"
            "budget votes?"
        ),
        N_(
            "Does the city use technology for citizen participation in the city's decisions, such"
            " as online participation platforms, e-petitions or participatory-budgeting tools?"
        ),
        N_("Are public consultations and participatory budgeting run with digital tools and data?"),
        N_(
            "Are residents, community groups and civil-society organisations involved in the "
            "city's work on citizen participation in the city's decisions?"
        ),
        N_(
            "Does the city measure the results of its work on citizen participation in the city's"
            " decisions, such as participation rates and the share of proposals taken up?"
        ),
    ),
    "connectivity": (
        N_(
            "Has the city set a strategy for broadband, mobile coverage and public Wi-Fi, with a "
            "lead unit and a budget?"
        ),
        N_(
            "Does the city collect and use coverage maps, connection speeds and take-up by "
            "district?"
        ),
        N_(
            "Does the city use technology for broadband, mobile coverage and public Wi-Fi, such "
            "as fibre backbones, public Wi-Fi or IoT networks?"
        ),
        N_(
            "Are permits and shared ducts and masts for network operators run with digital tools "
            "and data?"
        ),
        N_(
            "Are telecom operators, schools and poorly connected neighbourhoods involved in the "
            "city's work on broadband, mobile coverage and public Wi-Fi?"
        ),
        N_(
            "Does the city measure the results of its work on broadband, mobile coverage and "
            "public Wi-Fi, such as coverage, speeds and the share of households connected?"
        ),
    ),
    "disaster-risk-management": (
        N_(
            "Has the city set a strategy for preparing for and responding to floods, fires, "
            "earthquakes and heatwaves, with a lead unit and a budget?"
        ),
        N_("Does the city collect and use hazard maps, sensor readings and incident records?"),
        N_(
            "Does the city use technology for preparing for and responding to floods, fires, "
            "earthquakes and heatwaves, such as early-warning sensors, public alert systems or "
            "emergency dispatch platforms?"
        ),
        N_("Are early warning and emergency response run with digital tools and data?"),
        N_(
            "Are residents at risk, emergency services and volunteers involved in the city's work"
            " on preparing for and responding to floods, fires, earthquakes and heatwaves?"
        ),
        N_(
            "Does the city measure the results of its work on preparing for and responding to "
            "floods, fires, earthquakes and heatwaves, such as warning times, response times and "
            "losses avoided?"
        ),
    ),
    "education": (
        N_(
            "Has the city set a strategy for schools and lifelong learning, with a lead unit and "
            "a budget?"
        ),
        N_("Does the city collect and use enrolment, attendance and learning-outcome data?"),
        N_(
            "Does the city use technology for schools and lifelong learning, such as digital "
            "classrooms, learning platforms or school management systems?"
        ),
        N_("Are school administration and digital learning run with digital tools and data?"),
        N_(
            "Are teachers, parents and students involved in the city's work on schools and "
            "lifelong learning?"
        ),
        N_(
            "Does the city measure the results of its work on schools and lifelong learning, such"
            " as attendance, learning results and digital skills?"
        ),
    ),
    "energy-efficiency": (
        N_(
            "Has the city set a strategy for energy use in public buildings, street lighting and "
            "homes, with a lead unit and a budget?"
        ),
        N_(
            "Does the city collect and use metered energy consumption of buildings and street "
            "lights?"
        ),
        N_(
            "Does the city use technology for energy use in public buildings, street lighting and"
            " homes, such as smart meters, LED street lighting or building energy management "
            "systems?"
        ),
        N_(
            "Is the energy management of public buildings and street lighting run with digital "
            "tools and data?"
        ),
        N_(
            "Are building owners, utilities and residents involved in the city's work on energy "
            "use in public buildings, street lighting and homes?"
        ),
        N_(
            "Does the city measure the results of its work on energy use in public buildings, "
            "street lighting and homes, such as energy saved, energy costs and emissions avoided?"
        ),
    ),
    "healthcare": (
        N_(
            "Has the city set a strategy for public health and health services, with a lead unit "
            "and a budget?"
        ),
        N_(
            "Does the city collect and use health-service, disease-surveillance and "
            "environmental-health data?"
        ),
        N_(
            "Does the city use technology for public health and health services, such as "
            "telemedicine, electronic health records or air-quality monitoring?"
        ),
        N_(
            "Are clinics, health information and prevention campaigns run with digital tools and "
            "data?"
        ),
        N_(
            "Are patients, health workers and care providers involved in the city's work on "
            "public health and health services?"
        ),
        N_(
            "Does the city measure the results of its work on public health and health services, "
            "such as waiting times, service coverage and health indicators?"
        ),
    ),
    "innovation-startups": (
        N_(
            "Has the city set a strategy to support innovation and start-ups, with a lead unit "
            "and a budget?"
        ),
        N_(
            "Does the city collect and use records of start-ups, innovation programmes and the "
            "use of open data?"
        ),
        N_(
            "Does the city use technology to support innovation and start-ups, such as open data "
            "portals, living labs or innovation hubs?"
        ),
        N_(
            "Are programmes that let start-ups test their solutions with the city run with "
            "digital tools and data?"
        ),
        N_(
            "Are start-ups, universities and investors involved in the city's work on support for"
            " innovation and start-ups?"
        ),
        N_(
            "Does the city measure the results of its work on support for innovation and start-"
            "ups, such as start-ups supported, pilots procured and jobs created?"
        ),
    ),
    "public-safety": (
        N_(
            "Has the city set a strategy for crime prevention and safety in public space, with a "
            "lead unit and a budget?"
        ),
        N_("Does the city collect and use incident, emergency-call and patrol records?"),
        N_(
            "Does the city use technology for crime prevention and safety in public space, such "
            "as integrated control rooms, emergency call systems or smart street lighting?"
        ),
        N_("Are emergency calls, policing and safety patrols run with digital tools and data?"),
        N_(
            "Are residents, the police and neighbourhood groups involved in the city's work on "
            "crime prevention and safety in public space?"
        ),
        N_(
            "Does the city measure the results of its work on crime prevention and safety in "
            "public space, such as response times, incidents and residents' sense of safety?"
        ),
    ),
    "public-transportation": (
        N_(
            "Has the city set a strategy for buses, metro and other public transport, with a lead"
            " unit and a budget?"
        ),
        N_("Does the city collect and use vehicle positions, ridership and timetable data?"),
        N_(
            "Does the city use technology for buses, metro and other public transport, such as "
            "automatic vehicle location, e-ticketing or real-time passenger information?"
        ),
        N_(
            "Are public transport operations and passenger information run with digital tools and"
            " data?"
        ),
        N_(
            "Are passengers, operators and transport workers involved in the city's work on "
            "buses, metro and other public transport?"
        ),
        N_(
            "Does the city measure the results of its work on buses, metro and other public "
            "transport, such as ridership, punctuality and travel times?"
        ),
    ),
    "renewables-circular-economy": (
        N_(
            "Has the city set a strategy for renewable energy and the circular use of materials, "
            "with a lead unit and a budget?"
        ),
        N_("Does the city collect and use records of renewable generation and of material flows?"),
        N_(
            "Does the city use technology for renewable energy and the circular use of materials,"
            " such as solar installations, microgrids or material-exchange platforms?"
        ),
        N_("Are programmes for renewables, reuse and repair run with digital tools and data?"),
        N_(
            "Are businesses, energy co-operatives and residents involved in the city's work on "
            "renewable energy and the circular use of materials?"
        ),
        N_(
            "Does the city measure the results of its work on renewable energy and the circular "
            "use of materials, such as the renewable share of energy, materials recovered and "
            "emissions?"
        ),
    ),
    "tourism": (
        N_(
            "Has the city set a strategy for tourism and services for visitors, with a lead unit "
            "and a budget?"
        ),
        N_("Does the city collect and use visitor numbers, visitor flows and spending data?"),
        N_(
            "Does the city use technology for tourism and services for visitors, such as visitor "
            "apps, digital guides or crowd-monitoring sensors?"
        ),
        N_("Are visitor information and destination management run with digital tools and data?"),
        N_(
            "Are visitors, tourism businesses and residents of busy districts involved in the "
            "city's work on tourism and services for visitors?"
        ),
        N_(
            "Does the city measure the results of its work on tourism and services for visitors, "
            "such as visitor satisfaction, spending and crowding?"
        ),
    ),
    "traffic-management": (
        N_(
            "Has the city set a strategy for road traffic, parking and congestion, with a lead "
            "unit and a budget?"
        ),
        N_(
            "Does the city collect and use traffic counts, speeds, incidents and parking occupancy?"
        ),
        N_(
            "Does the city use technology for road traffic, parking and congestion, such as "
            "adaptive traffic signals, a traffic control centre or smart parking?"
        ),
        N_("Are traffic control and parking management run with digital tools and data?"),
        N_(
            "Are drivers, cyclists, pedestrians and freight operators involved in the city's work"
            " on road traffic, parking and congestion?"
        ),
        N_(
            "Does the city measure the results of its work on road traffic, parking and "
            "congestion, such as congestion, travel times and road casualties?"
        ),
    ),
    "waste-management": (
        N_(
            "Has the city set a strategy for waste collection, recycling and disposal, with a "
            "lead unit and a budget?"
        ),
        N_("Does the city collect and use waste volumes, collection routes and recycling rates?"),
        N_(
            "Does the city use technology for waste collection, recycling and disposal, such as "
            "bin fill-level sensors, route optimisation or pay-as-you-throw systems?"
        ),
        N_("Are waste collection and recycling run with digital tools and data?"),
        N_(
            "Are households, businesses and collection crews involved in the city's work on waste"
            " collection, recycling and disposal?"
        ),
        N_(
            "Does the city measure the results of its work on waste collection, recycling and "
            "disposal, such as recycling rates, waste per resident and collection costs?"
        ),
    ),
    "water-management": (
        N_(
            "Has the city set a strategy for water supply, drainage and flood control, with a "
            "lead unit and a budget?"
        ),
        N_(
            "Does the city collect and use metered consumption, network pressure, leak and water-"
            "quality data?"
        ),
        N_(
            "Does the city use technology for water supply, drainage and flood control, such as "
            "smart water meters, leak detection or flood sensors?"
        ),
        N_("Are water supply, drainage and flood protection run with digital tools and data?"),
        N_(
            "Are residents, the water utility and businesses involved in the city's work on water"
            " supply, drainage and flood control?"
        ),
        N_(
            "Does the city measure the results of its work on water supply, drainage and flood "
            "control, such as water lost to leaks, hours of supply and floods avoided?"
        ),
    ),
    "e-government": (
        N_(
            "Has the city set a strategy for public administration and its services online, with "
            "a lead unit and a budget?"
        ),
        N_("Does the city collect and use registers and service records kept in digital form?"),
        N_(
            "Does the city use technology for public administration and its services online, such"
            " as online service portals, digital identity or e-payment?"
        ),
        N_("Are permits, certificates and payments to the city run with digital tools and data?"),
        N_(
            "Are residents and businesses who use city services involved in the city's work on "
            "public administration and its services online?"
        ),
        N_(
            "Does the city measure the results of its work on public administration and its "
            "services online, such as the share of services used online, processing times and "
            "satisfaction?"
        ),
    ),
}
